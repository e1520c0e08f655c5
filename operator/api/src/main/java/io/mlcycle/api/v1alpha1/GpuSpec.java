package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A number of GPUs of one extended resource. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GpuSpec {

    @Required
    @Min(0)
    @Max(16)
    @JsonPropertyDescription("Number of GPUs for each pod, 0 to 16.")
    private Integer count;

    @Default("nvidia.com/gpu")
    @Size(max = 253)
    @ValidationRule(value = "self.matches('^[a-z0-9]([-a-z0-9.]*[a-z0-9])?/[a-z0-9]([-a-z0-9_.]*[a-z0-9])?$')",
            message = "must be an extended resource name such as nvidia.com/gpu or amd.com/gpu")
    @JsonPropertyDescription("Extended resource that the device plugin advertises, e.g. nvidia.com/gpu.")
    private String resourceName = "nvidia.com/gpu";

    public Integer getCount() {
        return count;
    }

    public void setCount(Integer count) {
        this.count = count;
    }

    public String getResourceName() {
        return resourceName;
    }

    public void setResourceName(String resourceName) {
        this.resourceName = resourceName;
    }
}
