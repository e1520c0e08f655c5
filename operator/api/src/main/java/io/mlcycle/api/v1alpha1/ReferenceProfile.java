package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** The training data's distribution, per feature: inline, or as a JSON file next to the artifact. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.uri) || has(self.features)",
        message = "referenceProfile needs features (inline) or uri (a profile file)")
public class ReferenceProfile {

    @Size(min = 1, max = 2048)
    @ValidationRule(value = ApiConstraints.URI_RULE, message = ApiConstraints.URI_MESSAGE)
    @JsonPropertyDescription("URI of a profile JSON file (same schema as features), for profiles too large to inline.")
    private String uri;

    @Min(0)
    @JsonPropertyDescription("Number of training rows the profile was computed from.")
    private Long samples;

    @Size(max = 256)
    @JsonPropertyDescription("Per-feature distributions.")
    private List<FeatureProfile> features;

    public String getUri() {
        return uri;
    }

    public void setUri(String uri) {
        this.uri = uri;
    }

    public Long getSamples() {
        return samples;
    }

    public void setSamples(Long samples) {
        this.samples = samples;
    }

    public List<FeatureProfile> getFeatures() {
        return features;
    }

    public void setFeatures(List<FeatureProfile> features) {
        this.features = features;
    }
}
