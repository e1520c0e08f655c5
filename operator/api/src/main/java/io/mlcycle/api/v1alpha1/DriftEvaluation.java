package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** One drift evaluation: the window, the reference it used, and each feature's result. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DriftEvaluation {

    @JsonPropertyDescription("When it ran (RFC 3339).")
    private String time;

    @JsonPropertyDescription("Rows (samples) in the window: what the tests counted.")
    private Long samples;

    @JsonPropertyDescription("Inference requests in the window (one may carry many rows).")
    private Long requests;

    @JsonPropertyDescription("Serving pods whose profiles the window merged.")
    private Integer pods;

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

    public Long getRequests() {
        return requests;
    }

    public void setRequests(Long requests) {
        this.requests = requests;
    }

    public Integer getPods() {
        return pods;
    }

    public void setPods(Integer pods) {
        this.pods = pods;
    }
}
