package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** One drift evaluation: the window, the reference it used, and each feature's result. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DriftEvaluation {

    @JsonPropertyDescription("When it ran (RFC 3339).")
    private String time;

    @JsonPropertyDescription("Requests in the window.")
    private Long samples;

    @JsonPropertyDescription("ModelVersion whose reference profile was the baseline.")
    private String modelVersion;

    @JsonPropertyDescription("Share of tested features that drifted.")
    private Double driftShare;

    @JsonPropertyDescription("Per-feature results.")
    private List<FeatureDriftResult> features;

    public String getTime() {
        return time;
    }

    public void setTime(String time) {
        this.time = time;
    }

    public Long getSamples() {
        return samples;
    }

    public void setSamples(Long samples) {
        this.samples = samples;
    }

    public String getModelVersion() {
        return modelVersion;
    }

    public void setModelVersion(String modelVersion) {
        this.modelVersion = modelVersion;
    }

    public Double getDriftShare() {
        return driftShare;
    }

    public void setDriftShare(Double driftShare) {
        this.driftShare = driftShare;
    }

    public List<FeatureDriftResult> getFeatures() {
        return features;
    }

    public void setFeatures(List<FeatureDriftResult> features) {
        this.features = features;
    }
}
