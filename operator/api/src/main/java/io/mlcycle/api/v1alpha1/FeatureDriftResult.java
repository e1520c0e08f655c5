package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One feature's drift test result. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FeatureDriftResult {

    @JsonPropertyDescription("Feature name.")
    private String name;

    @JsonPropertyDescription("Test used, e.g. psi or ks.")
    private String test;

    @JsonPropertyDescription("Test statistic (a distance, or a p-value for ks and chiSquare).")
    private Double score;

    @JsonPropertyDescription("Threshold it was compared with.")
    private Double threshold;

    @JsonPropertyDescription("Whether the feature drifted.")
    private Boolean drifted;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getTest() {
        return test;
    }

    public void setTest(String test) {
        this.test = test;
    }

    public Double getScore() {
        return score;
    }

    public void setScore(Double score) {
        this.score = score;
    }

    public Double getThreshold() {
        return threshold;
    }

    public void setThreshold(Double threshold) {
        this.threshold = threshold;
    }

    public Boolean getDrifted() {
        return drifted;
    }

    public void setDrifted(Boolean drifted) {
        this.drifted = drifted;
    }
}
