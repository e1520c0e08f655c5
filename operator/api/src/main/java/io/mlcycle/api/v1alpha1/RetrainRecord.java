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

    @JsonPropertyDescription("The drift that caused it, in words.")
    private String reason;

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
}
