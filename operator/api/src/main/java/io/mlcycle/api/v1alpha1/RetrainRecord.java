package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A retraining TrainingJob a DriftMonitor created. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RetrainRecord {

    @JsonPropertyDescription("Name of the TrainingJob.")
    private String trainingJob;

    @JsonPropertyDescription("When it was created (RFC 3339).")
    private String time;

    @JsonPropertyDescription("The drift that caused it, or the request, in words.")
    private String reason;

    @JsonPropertyDescription("The value of the monitor's mlcycle.io/retrain-request annotation it answers, when a person "
            + "asked for it (kubectl annotate, or Argo CD's retrain action); each new value asks for one retrain.")
    private String request;

    @JsonPropertyDescription("The breach it answers: the monitor's driftedSince when it was created.")
    private String driftedSince;

    @JsonPropertyDescription("The InferenceService's stable ModelVersion it retrains (the parent in the new version's "
            + "lineage).")
    private String parentVersion;

    @JsonPropertyDescription("The TrainingJob's phase, as last seen.")
    private TrainingJobPhase trainingPhase;

    @JsonPropertyDescription("The ModelVersion the TrainingJob registered.")
    private String modelVersion;

    @JsonPropertyDescription("How that ModelVersion's rollout on the InferenceService stands: InProgress, Promoted, "
            + "RolledBack or Superseded; unset while it is not rolled out (e.g. Pending approval).")
    private String rollout;

    public String getTrainingJob() {
        return trainingJob;
    }

    public void setTrainingJob(String trainingJob) {
        this.trainingJob = trainingJob;
    }

    public String getTime() {
        return time;
    }

    public void setTime(String time) {
        this.time = time;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getDriftedSince() {
        return driftedSince;
    }

    public void setDriftedSince(String driftedSince) {
        this.driftedSince = driftedSince;
    }

    public String getParentVersion() {
        return parentVersion;
    }

    public void setParentVersion(String parentVersion) {
        this.parentVersion = parentVersion;
    }

    public TrainingJobPhase getTrainingPhase() {
        return trainingPhase;
    }

    public void setTrainingPhase(TrainingJobPhase trainingPhase) {
        this.trainingPhase = trainingPhase;
    }

    public String getModelVersion() {
        return modelVersion;
    }

    public void setModelVersion(String modelVersion) {
        this.modelVersion = modelVersion;
    }

    public String getRollout() {
        return rollout;
    }

    public void setRollout(String rollout) {
        this.rollout = rollout;
    }

    public String getRequest() {
        return request;
    }

    public void setRequest(String request) {
        this.request = request;
    }
}
