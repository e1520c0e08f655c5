package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** Whether a model version has been validated, where it is served, and why it failed if it did. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class ModelVersionStatus extends MlcycleStatus {

    @JsonPropertyDescription("Pending, Validating, Ready or Failed.")
    private ModelVersionPhase phase;

    @JsonPropertyDescription("Name of the validation Job (the runtime image in validate mode).")
    private String validationJob;

    @JsonPropertyDescription("Digest the validation checked, equal to spec.artifact.sha256 once Ready.")
    private String validatedDigest;

    @JsonPropertyDescription("Size in bytes of the artifact the validation checked.")
    private Long validatedSize;

    @JsonPropertyDescription("The headline metric for kubectl get, e.g. auc=0.981 (spec.metrics' auc, else rmse, else the first).")
    private String metric;

    @JsonPropertyDescription("When validation last finished (RFC 3339).")
    private String validatedAt;

    @JsonPropertyDescription("InferenceServices currently serving this version.")
    private List<String> servedBy;

    public ModelVersionPhase getPhase() {
        return phase;
    }

    public void setPhase(ModelVersionPhase phase) {
        this.phase = phase;
    }

    public String getValidationJob() {
        return validationJob;
    }

    public void setValidationJob(String validationJob) {
        this.validationJob = validationJob;
    }

    public String getValidatedDigest() {
        return validatedDigest;
    }

    public void setValidatedDigest(String validatedDigest) {
        this.validatedDigest = validatedDigest;
    }

    public Long getValidatedSize() {
        return validatedSize;
    }

    public void setValidatedSize(Long validatedSize) {
        this.validatedSize = validatedSize;
    }

    public String getMetric() {
        return metric;
    }

    public void setMetric(String metric) {
        this.metric = metric;
    }

    public String getValidatedAt() {
        return validatedAt;
    }

    public void setValidatedAt(String validatedAt) {
        this.validatedAt = validatedAt;
    }

    public List<String> getServedBy() {
        return servedBy;
    }

    public void setServedBy(List<String> servedBy) {
        this.servedBy = servedBy;
    }
}
