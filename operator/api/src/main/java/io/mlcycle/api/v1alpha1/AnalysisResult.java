package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The figures of one canary analysis and whether they passed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AnalysisResult {

    @JsonPropertyDescription("When the analysis ran (RFC 3339).")
    private String time;

    @JsonPropertyDescription("Requests the canary served in the interval.")
    private Long requests;

    @JsonPropertyDescription("Share of those that failed.")
    private Double errorRate;

    @JsonPropertyDescription("99th-percentile latency in milliseconds.")
    private Double latencyP99Ms;

    @JsonPropertyDescription("Jensen-Shannon distance between canary and stable predictions.")
    private Double predictionShift;

    @JsonPropertyDescription("Whether every threshold was met.")
    private Boolean passed;

    @JsonPropertyDescription("Which threshold failed, in words.")
    private String message;

    public String getTime() {
        return time;
    }

    public void setTime(String time) {
        this.time = time;
    }

    public Long getRequests() {
        return requests;
    }

    public void setRequests(Long requests) {
        this.requests = requests;
    }

    public Double getErrorRate() {
        return errorRate;
    }

    public void setErrorRate(Double errorRate) {
        this.errorRate = errorRate;
    }

    public Double getLatencyP99Ms() {
        return latencyP99Ms;
    }

    public void setLatencyP99Ms(Double latencyP99Ms) {
        this.latencyP99Ms = latencyP99Ms;
    }

    public Double getPredictionShift() {
        return predictionShift;
    }

    public void setPredictionShift(Double predictionShift) {
        this.predictionShift = predictionShift;
    }

    public Boolean getPassed() {
        return passed;
    }

    public void setPassed(Boolean passed) {
        this.passed = passed;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }
}
