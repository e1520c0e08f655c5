package io.mlcycle.api.v1alpha1;

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

    @JsonPropertyDescription("Percent of traffic it receives now.")
    private Integer weight;

    @JsonPropertyDescription("Canary only: index of the current rollout step.")
    private Integer step;

    @JsonPropertyDescription("Canary only: the last analysis.")
    private AnalysisResult analysis;

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

    public AnalysisResult getAnalysis() {
        return analysis;
    }

    public void setAnalysis(AnalysisResult analysis) {
        this.analysis = analysis;
    }
}
