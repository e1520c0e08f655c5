package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;

/** What a TrainingJob is doing, what it produced, and why it failed if it did. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class TrainingJobStatus extends MlcycleStatus {

    @JsonPropertyDescription("Pending, Running, Succeeded, Failed or Suspended.")
    private TrainingJobPhase phase;

    @JsonPropertyDescription("Name of the Kubernetes Job running the workers.")
    private String jobName;

    @JsonPropertyDescription("Worker pods by state.")
    private WorkerCounts workers;

    @JsonPropertyDescription("When the first worker started (RFC 3339).")
    private String startTime;

    @JsonPropertyDescription("When the training succeeded or failed (RFC 3339).")
    private String completionTime;

    @JsonPropertyDescription("The trainer's last progress report while it runs: step, loss and validation metric.")
    private TrainingProgress progress;

    @JsonPropertyDescription("Metrics the trainer reported in mlcycle-result.json, e.g. accuracy, rmse.")
    private Map<String, Double> metrics;

    @JsonPropertyDescription("Name of the ModelVersion registered from the result.")
    private String modelVersion;

    public TrainingJobPhase getPhase() {
        return phase;
    }

    public void setPhase(TrainingJobPhase phase) {
        this.phase = phase;
    }

    public String getJobName() {
        return jobName;
    }

    public void setJobName(String jobName) {
        this.jobName = jobName;
    }

    public WorkerCounts getWorkers() {
        return workers;
    }

    public void setWorkers(WorkerCounts workers) {
        this.workers = workers;
    }

    public String getStartTime() {
        return startTime;
    }

    public void setStartTime(String startTime) {
        this.startTime = startTime;
    }

    public String getCompletionTime() {
        return completionTime;
    }

    public void setCompletionTime(String completionTime) {
        this.completionTime = completionTime;
    }

    public TrainingProgress getProgress() {
        return progress;
    }

    public void setProgress(TrainingProgress progress) {
        this.progress = progress;
    }

    public Map<String, Double> getMetrics() {
        return metrics;
    }

    public void setMetrics(Map<String, Double> metrics) {
        this.metrics = metrics;
    }

    public String getModelVersion() {
        return modelVersion;
    }

    public void setModelVersion(String modelVersion) {
        this.modelVersion = modelVersion;
    }
}
