package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Picks the ModelVersion an InferenceService serves: one pinned version, or a track. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.version) != has(self.track)",
        message = "set exactly one of model.version (pin one ModelVersion) or model.track (follow the newest Ready and Approved version)")
public class ModelSelector {

    @Required
    @Size(min = 1, max = 63)
    @ValidationRule(value = ApiConstraints.NAME_RULE, message = ApiConstraints.NAME_MESSAGE)
    @JsonPropertyDescription("Name of the registered model (spec.model of its ModelVersions).")
    private String name;

    @Size(min = 1, max = 63)
    @JsonPropertyDescription("Pins one version (spec.version of a ModelVersion of this model).")
    private String version;

    @JsonPropertyDescription("latest: follow the newest ModelVersion of this model that is Ready and Approved; "
            + "retrained versions then roll out without editing this resource.")
    private ModelTrack track;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public ModelTrack getTrack() {
        return track;
    }

    public void setTrack(ModelTrack track) {
        this.track = track;
    }
}
