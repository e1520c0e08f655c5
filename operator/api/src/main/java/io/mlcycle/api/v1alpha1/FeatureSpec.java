package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** One input feature of a model: its name and whether it is numeric or categorical. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FeatureSpec {

    @Required
    @Size(min = 1, max = 128)
    @JsonPropertyDescription("Feature name, as in the training data's header.")
    private String name;

    @Required
    @JsonPropertyDescription("numeric or categorical; decides which drift tests apply.")
    private FeatureType type;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public FeatureType getType() {
        return type;
    }

    public void setType(FeatureType type) {
        this.type = type;
    }
}
