package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Thresholds the canary must meet at every analysis interval. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AnalysisSpec {

    @Default("30s")
    @Size(max = 32)
    @ValidationRule(value = ApiConstraints.DURATION_RULE, message = ApiConstraints.DURATION_MESSAGE)
    @JsonPropertyDescription("How often the canary is measured, e.g. 30s.")
    private String interval = "30s";

    @Default("100")
    @Min(0)
    @JsonPropertyDescription("Requests the canary must have served in an interval before it is judged; fewer means wait.")
    private Integer minRequests = 100;

    @Min(0)
    @Max(1)
    @JsonPropertyDescription("Highest share of failed requests (5xx, gRPC errors) allowed, 0 to 1, e.g. 0.01.")
    private Double maxErrorRate;

    @Size(max = 32)
    @ValidationRule(value = ApiConstraints.DURATION_RULE, message = ApiConstraints.DURATION_MESSAGE)
    @JsonPropertyDescription("Highest 99th-percentile latency allowed, e.g. 250ms.")
    private String maxLatencyP99;

    @Min(0)
    @Max(1)
    @JsonPropertyDescription("Highest shift between the canary's and the stable version's prediction distributions "
            + "(Jensen-Shannon distance, 0 to 1).")
    private Double maxPredictionShift;

    @Min(0)
    @Max(1)
    @JsonPropertyDescription("Lowest share of the canary's predictions, while mirrored, that must agree with the stable "
            + "version's answers to the same requests (the same class, or the same value within 0.01), 0 to 1, e.g. "
            + "0.95. Needs rollout.mirror and provider router: the router compares both answers.")
    private Double minAgreement;

    public String getInterval() {
        return interval;
    }

    public void setInterval(String interval) {
        this.interval = interval;
    }

    public Integer getMinRequests() {
        return minRequests;
    }

    public void setMinRequests(Integer minRequests) {
        this.minRequests = minRequests;
    }

    public Double getMaxErrorRate() {
        return maxErrorRate;
    }

    public void setMaxErrorRate(Double maxErrorRate) {
        this.maxErrorRate = maxErrorRate;
    }

    public String getMaxLatencyP99() {
        return maxLatencyP99;
    }

    public void setMaxLatencyP99(String maxLatencyP99) {
        this.maxLatencyP99 = maxLatencyP99;
    }

    public Double getMaxPredictionShift() {
        return maxPredictionShift;
    }

    public void setMaxPredictionShift(Double maxPredictionShift) {
        this.maxPredictionShift = maxPredictionShift;
    }

    public Double getMinAgreement() {
        return minAgreement;
    }

    public void setMinAgreement(Double minAgreement) {
        this.minAgreement = minAgreement;
    }
}
