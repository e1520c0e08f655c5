package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** One key of a Secret or ConfigMap in the same namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KeyReference {

    @Required
    @Size(min = 1, max = 253)
    @JsonPropertyDescription("Name of the Secret or ConfigMap.")
    private String name;

    @Required
    @Size(min = 1, max = 253)
    @JsonPropertyDescription("Key within it.")
    private String key;

    @JsonPropertyDescription("When true a missing object or key leaves the variable unset instead of failing the pod.")
    private Boolean optional;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    public Boolean getOptional() {
        return optional;
    }

    public void setOptional(Boolean optional) {
        this.optional = optional;
    }
}
