package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Quantity;

/** CPU, memory and GPUs for each pod; requests equal limits so pods get a predictable share. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ResourcesSpec {

    @ValidationRule(value = ApiConstraints.QUANTITY_RULE, message = ApiConstraints.QUANTITY_MESSAGE)
    @JsonPropertyDescription("CPU for each pod, as a Kubernetes quantity (e.g. 500m, 2).")
    private Quantity cpu;

    @ValidationRule(value = ApiConstraints.QUANTITY_RULE, message = ApiConstraints.QUANTITY_MESSAGE)
    @JsonPropertyDescription("Memory for each pod, as a Kubernetes quantity (e.g. 512Mi, 4Gi).")
    private Quantity memory;

    @JsonPropertyDescription("GPUs for each pod. Pods that ask for GPUs are scheduled onto nodes that advertise the resource.")
    private GpuSpec gpu;

    public Quantity getCpu() {
        return cpu;
    }

    public void setCpu(Quantity cpu) {
        this.cpu = cpu;
    }

    public Quantity getMemory() {
        return memory;
    }

    public void setMemory(Quantity memory) {
        this.memory = memory;
    }

    public GpuSpec getGpu() {
        return gpu;
    }

    public void setGpu(GpuSpec gpu) {
        this.gpu = gpu;
    }
}
