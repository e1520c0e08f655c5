package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** How one rollout ended: from which version to which, and why. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RolloutRecord {

    @JsonPropertyDescription("spec.version that was stable before.")
    private String from;

    @JsonPropertyDescription("spec.version that was rolled out.")
    private String to;

    @JsonPropertyDescription("Promoted or RolledBack.")
    private RolloutOutcome outcome;

    @JsonPropertyDescription("Why, e.g. the analysis figure that failed.")
    private String reason;

    @JsonPropertyDescription("When it ended (RFC 3339).")
    private String finishedAt;

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }

    public RolloutOutcome getOutcome() {
        return outcome;
    }

    public void setOutcome(RolloutOutcome outcome) {
        this.outcome = outcome;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getFinishedAt() {
        return finishedAt;
    }

    public void setFinishedAt(String finishedAt) {
        this.finishedAt = finishedAt;
    }
}
