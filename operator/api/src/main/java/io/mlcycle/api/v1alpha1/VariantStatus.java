package io.mlcycle.api.v1alpha1;

import java.util.List;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One served version (stable or canary): its pods, its traffic share and, for a canary, its step and analysis. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VariantStatus {

    @JsonPropertyDescription("Name of the ModelVersion object.")
    private String modelVersion;

    @JsonPropertyDescription("spec.version of that ModelVersion.")
    private String version;

    @JsonPropertyDescription("Serving pods that are Ready.")
    private Integer readyReplicas;

    @JsonPropertyDescription("Serving pods wanted: replicas.min, or the autoscaler's choice when it scales.")
    private Integer replicas;

    @JsonPropertyDescription("Percent of traffic it receives now.")
    private Integer weight;

    @JsonPropertyDescription("Canary only: index of the current rollout step.")
    private Integer step;

    @JsonPropertyDescription("When its current weight took effect (RFC 3339): the start of a rollout step, or of the drain "
            + "before a replaced version is removed.")
    private String since;

    @JsonPropertyDescription("Canary only: the last analysis.")
    private AnalysisResult analysis;

    @JsonPropertyDescription("Canary only: Starting (pods coming up, no traffic), Mirroring (copies of requests only), "
            + "Progressing (at a step's weight), Paused (held: by a person, waiting for promotion, or after a failed "
            + "analysis without rollback) or Promoting (all traffic; the old stable drains).")
    private CanaryPhase phase;

    @JsonPropertyDescription("Canary only: how many steps the rollout has; step runs from 0 to steps - 1.")
    private Integer steps;

    @JsonPropertyDescription("Canary only: why it waits or is paused, in words.")
    private String message;

    @JsonPropertyDescription("Canary only: the latest analyses of this rollout, oldest first (at most 10).")
    private List<AnalysisResult> history;

    @JsonPropertyDescription("Canary only, while Paused: Manual, AwaitingPromotion (autoPromote false), AnalysisFailed (rollbackOnFailure false) or MirrorUnavailable (the Gateway cannot mirror).")
    private PauseReason pauseReason;

    public String getModelVersion() {
        return modelVersion;
    }

    public void setModelVersion(String modelVersion) {
        this.modelVersion = modelVersion;
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public Integer getReadyReplicas() {
        return readyReplicas;
    }

    public void setReadyReplicas(Integer readyReplicas) {
        this.readyReplicas = readyReplicas;
    }

    public Integer getReplicas() {
        return replicas;
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public Integer getWeight() {
        return weight;
    }

    public void setWeight(Integer weight) {
        this.weight = weight;
    }

    public Integer getStep() {
        return step;
    }

    public void setStep(Integer step) {
        this.step = step;
    }

    public String getSince() {
        return since;
    }

    public void setSince(String since) {
        this.since = since;
    }

    public AnalysisResult getAnalysis() {
        return analysis;
    }

    public void setAnalysis(AnalysisResult analysis) {
        this.analysis = analysis;
    }

    public CanaryPhase getPhase() {
        return phase;
    }

    public void setPhase(CanaryPhase phase) {
        this.phase = phase;
    }

    public Integer getSteps() {
        return steps;
    }

    public void setSteps(Integer steps) {
        this.steps = steps;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public List<AnalysisResult> getHistory() {
        return history;
    }

    public void setHistory(List<AnalysisResult> history) {
        this.history = history;
    }

    public PauseReason getPauseReason() {
        return pauseReason;
    }

    public void setPauseReason(PauseReason pauseReason) {
        this.pauseReason = pauseReason;
    }
}
