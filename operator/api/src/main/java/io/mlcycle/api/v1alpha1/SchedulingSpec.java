package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.kubernetes.api.model.Affinity;
import java.util.List;
import java.util.Map;

/** Where pods may run: node selection, tolerations (e.g. for GPU taints), priority and runtime class. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SchedulingSpec {

    @JsonPropertyDescription("Labels a node must have to run the pods, e.g. nvidia.com/gpu.present: \"true\".")
    private Map<String, String> nodeSelector;

    @Size(max = 32)
    @JsonPropertyDescription("Tolerations for node taints, e.g. the nvidia.com/gpu NoSchedule taint of GPU nodes.")
    private List<TolerationSpec> tolerations;

    // Kept opaque: the Pod schema's affinity is large and undocumented in the generated CRD; the API server checks it
    // when the operator creates the pods, and the operator reports that error in status.
    @PreserveUnknownFields
    @SchemaFrom(type = OpaqueObject.class)
    @JsonPropertyDescription("Node and pod (anti-)affinity, exactly as a Pod's spec.affinity (kubectl explain pod.spec.affinity).")
    private Affinity affinity;

    @Size(max = 253)
    @ValidationRule(value = "self.matches('^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$')",
            message = "must be the name of a PriorityClass (lowercase DNS-1123 subdomain)")
    @JsonPropertyDescription("PriorityClass of the pods.")
    private String priorityClassName;

    @Size(max = 253)
    @ValidationRule(value = "self.matches('^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$')",
            message = "must be the name of a RuntimeClass (lowercase DNS-1123 subdomain), e.g. nvidia")
    @JsonPropertyDescription("RuntimeClass of the pods, e.g. nvidia on clusters whose GPU runtime is not the default.")
    private String runtimeClassName;

    public Map<String, String> getNodeSelector() {
        return nodeSelector;
    }

    public void setNodeSelector(Map<String, String> nodeSelector) {
        this.nodeSelector = nodeSelector;
    }

    public List<TolerationSpec> getTolerations() {
        return tolerations;
    }

    public void setTolerations(List<TolerationSpec> tolerations) {
        this.tolerations = tolerations;
    }

    public Affinity getAffinity() {
        return affinity;
    }

    public void setAffinity(Affinity affinity) {
        this.affinity = affinity;
    }

    public String getPriorityClassName() {
        return priorityClassName;
    }

    public void setPriorityClassName(String priorityClassName) {
        this.priorityClassName = priorityClassName;
    }

    public String getRuntimeClassName() {
        return runtimeClassName;
    }

    public void setRuntimeClassName(String runtimeClassName) {
        this.runtimeClassName = runtimeClassName;
    }
}
