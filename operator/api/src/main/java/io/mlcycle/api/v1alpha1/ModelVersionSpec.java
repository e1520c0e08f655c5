package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;

/** A model version as registered: what it is, where it lives, what it expects, and whether it may serve. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ModelVersionSpec {

    @Required
    @Size(min = 1, max = 63)
    @ValidationRule(value = ApiConstraints.NAME_RULE, message = ApiConstraints.NAME_MESSAGE)
    @ValidationRule(value = "self == oldSelf", message = "model is immutable: register a new ModelVersion instead")
    @JsonPropertyDescription("Name of the registered model this is a version of.")
    private String model;

    @Required
    @Size(min = 1, max = 63)
    @ValidationRule(value = "self.matches('^[a-zA-Z0-9]([-a-zA-Z0-9._]*[a-zA-Z0-9])?$')",
            message = "must be letters, digits, '.', '_' or '-', starting and ending with a letter or digit (e.g. 3, 1.2.0, 2026-11-27)")
    @ValidationRule(value = "self == oldSelf", message = "version is immutable: register a new ModelVersion instead")
    @JsonPropertyDescription("Version label, unique per model, e.g. 3 or 2026-11-27.1. InferenceServices pin it in spec.model.version.")
    private String version;

    @Required
    @JsonPropertyDescription("Serialization format of the artifact: onnx, pytorch (TorchScript or DJL .params) or xgboost (model.json).")
    private ModelFormat format;

    @Required
    @ValidationRule(value = "self == oldSelf",
            message = "artifact is immutable once set: register a new ModelVersion for a new artifact")
    @JsonPropertyDescription("The artifact and its digest. Immutable: a new artifact is a new ModelVersion.")
    private ArtifactSpec artifact;

    @JsonPropertyDescription("Input and output tensors, as served over the Open Inference Protocol.")
    private ModelSignature signature;

    @Size(max = 256)
    @ValidationRule(value = "self.all(f, self.exists_one(g, g.name == f.name))", message = "features must not repeat a name")
    @JsonPropertyDescription("Input features in order, with their type; drift detection compares them with the reference profile.")
    private List<FeatureSpec> features;

    @JsonPropertyDescription("Per-feature distribution of the training data, used as the baseline by DriftMonitors.")
    private ReferenceProfile referenceProfile;

    @Size(max = 64)
    @JsonPropertyDescription("Evaluation metrics of this version, e.g. accuracy: 0.97.")
    private Map<String, Double> metrics;

    @JsonPropertyDescription("Where this version came from: training job, dataset and parent version.")
    private LineageSpec lineage;

    @Default("Pending")
    @JsonPropertyDescription("The human gate: Approved versions may be served by InferenceServices that track latest; "
            + "Pending waits; Rejected is never served.")
    private Approval approval = Approval.Pending;

    public String getModel() {
        return model;
    }

    public void setModel(String model) {
        this.model = model;
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public ModelFormat getFormat() {
        return format;
    }

    public void setFormat(ModelFormat format) {
        this.format = format;
    }

    public ArtifactSpec getArtifact() {
        return artifact;
    }

    public void setArtifact(ArtifactSpec artifact) {
        this.artifact = artifact;
    }

    public ModelSignature getSignature() {
        return signature;
    }

    public void setSignature(ModelSignature signature) {
        this.signature = signature;
    }

    public List<FeatureSpec> getFeatures() {
        return features;
    }

    public void setFeatures(List<FeatureSpec> features) {
        this.features = features;
    }

    public ReferenceProfile getReferenceProfile() {
        return referenceProfile;
    }

    public void setReferenceProfile(ReferenceProfile referenceProfile) {
        this.referenceProfile = referenceProfile;
    }

    public Map<String, Double> getMetrics() {
        return metrics;
    }

    public void setMetrics(Map<String, Double> metrics) {
        this.metrics = metrics;
    }

    public LineageSpec getLineage() {
        return lineage;
    }

    public void setLineage(LineageSpec lineage) {
        this.lineage = lineage;
    }

    public Approval getApproval() {
        return approval;
    }

    public void setApproval(Approval approval) {
        this.approval = approval;
    }
}
