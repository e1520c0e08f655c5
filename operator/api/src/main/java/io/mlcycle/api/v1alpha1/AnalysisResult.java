package io.mlcycle.api.v1alpha1;

import java.util.List;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The figures of one canary analysis, each check against its threshold, and the verdict. */
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

    @JsonPropertyDescription("While mirrored: share of the canary's predictions that agreed with the stable version's "
            + "answers to the same requests, as the router compared them.")
    private Double agreement;

    @JsonPropertyDescription("Which threshold failed, in words.")
    private String message;

    @JsonPropertyDescription("Passed, Failed, or Inconclusive (too few requests in the interval: wait, never a pass).")
    private AnalysisOutcome outcome;

    @JsonPropertyDescription("The canary phase it judged: Mirroring (the mirrored copies) or Progressing.")
    private String phase;

    @JsonPropertyDescription("Each configured check: its figure, threshold and verdict.")
    private List<AnalysisCheck> checks;

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

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public Double getAgreement() {
        return agreement;
    }

    public void setAgreement(Double agreement) {
        this.agreement = agreement;
    }

    public AnalysisOutcome getOutcome() {
        return outcome;
    }

    public void setOutcome(AnalysisOutcome outcome) {
        this.outcome = outcome;
    }

    public String getPhase() {
        return phase;
    }

    public void setPhase(String phase) {
        this.phase = phase;
    }

    public List<AnalysisCheck> getChecks() {
        return checks;
    }

    public void setChecks(List<AnalysisCheck> checks) {
        this.checks = checks;
    }
}
