package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The last evaluation, how many drifted windows in a row, and the last retrain it started. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class DriftMonitorStatus extends MlcycleStatus {

    @JsonPropertyDescription("Pending, Watching, Drifted or Retraining.")
    private DriftMonitorPhase phase;

    @JsonPropertyDescription("The most recent evaluation.")
    private DriftEvaluation lastEvaluation;

    @JsonPropertyDescription("Drifted windows in a row.")
    private Integer consecutiveBreaches;

    @JsonPropertyDescription("When the current breach was declared (RFC 3339): the window that reached "
            + "trigger.consecutiveWindows. One breach starts at most one retrain.")
    private String driftedSince;

    @JsonPropertyDescription("The most recent retrain this monitor started.")
    private RetrainRecord lastRetrain;

    @JsonPropertyDescription("Retraining TrainingJobs of this monitor still running.")
    private Integer activeRetrains;

    public DriftMonitorPhase getPhase() {
        return phase;
    }

    public void setPhase(DriftMonitorPhase phase) {
        this.phase = phase;
    }

    public DriftEvaluation getLastEvaluation() {
        return lastEvaluation;
    }

    public void setLastEvaluation(DriftEvaluation lastEvaluation) {
        this.lastEvaluation = lastEvaluation;
    }

    public Integer getConsecutiveBreaches() {
        return consecutiveBreaches;
    }

    public void setConsecutiveBreaches(Integer consecutiveBreaches) {
        this.consecutiveBreaches = consecutiveBreaches;
    }

    public RetrainRecord getLastRetrain() {
        return lastRetrain;
    }

    public void setLastRetrain(RetrainRecord lastRetrain) {
        this.lastRetrain = lastRetrain;
    }

    public Integer getActiveRetrains() {
        return activeRetrains;
    }

    public void setActiveRetrains(Integer activeRetrains) {
        this.activeRetrains = activeRetrains;
    }

    public String getDriftedSince() {
        return driftedSince;
    }

    public void setDriftedSince(String driftedSince) {
        this.driftedSince = driftedSince;
    }
}
