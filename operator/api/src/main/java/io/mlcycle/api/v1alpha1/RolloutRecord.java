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

    @JsonPropertyDescription("Promoted, RolledBack, or Superseded (a newer version replaced it mid-rollout).")
    private RolloutOutcome outcome;

    @JsonPropertyDescription("Why, e.g. the analysis figure that failed.")
    private String reason;

    @JsonPropertyDescription("When it ended (RFC 3339).")
    private String finishedAt;

    @JsonPropertyDescription("Name of the ModelVersion rolled out.")
    private String modelVersion;

    @JsonPropertyDescription("metadata.generation of that ModelVersion when the rollout ended: a rolled-back version is tried again only once it or the InferenceService changes.")
    private Long modelVersionGeneration;

    @JsonPropertyDescription("metadata.generation of the InferenceService when the rollout ended.")
    private Long generation;

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

    public String getModelVersion() {
        return modelVersion;
    }

    public void setModelVersion(String modelVersion) {
        this.modelVersion = modelVersion;
    }

    public Long getModelVersionGeneration() {
        return modelVersionGeneration;
    }

    public void setModelVersionGeneration(Long modelVersionGeneration) {
        this.modelVersionGeneration = modelVersionGeneration;
    }

    public Long getGeneration() {
        return generation;
    }

    public void setGeneration(Long generation) {
        this.generation = generation;
    }
}
