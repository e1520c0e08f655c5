package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One check of a canary analysis: a figure against its threshold. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AnalysisCheck {

    @JsonPropertyDescription("errorRate, latencyP99, predictionShift or agreement.")
    private String name;

    @JsonPropertyDescription("The figure measured in the interval (latency in milliseconds).")
    private Double value;

    @JsonPropertyDescription("The highest value allowed (latency in milliseconds); for agreement the lowest.")
    private Double threshold;

    @JsonPropertyDescription("How the figure was computed, e.g. jensenShannon for the prediction shift.")
    private String method;

    @JsonPropertyDescription("Whether the value is within the threshold: at most it, for agreement at least it.")
    private Boolean passed;

    public AnalysisCheck() {
    }

    public AnalysisCheck(String name, Double value, Double threshold, String method, Boolean passed) {
        this.name = name;
        this.value = value;
        this.threshold = threshold;
        this.method = method;
        this.passed = passed;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Double getValue() {
        return value;
    }

    public void setValue(Double value) {
        this.value = value;
    }

    public Double getThreshold() {
        return threshold;
    }

    public void setThreshold(Double threshold) {
        this.threshold = threshold;
    }

    public String getMethod() {
        return method;
    }

    public void setMethod(String method) {
        this.method = method;
    }

    public Boolean getPassed() {
        return passed;
    }

    public void setPassed(Boolean passed) {
        this.passed = passed;
    }
}
