package io.mlcycle.operator.desired;

import io.mlcycle.api.v1alpha1.DatasetSpec;
import io.mlcycle.api.v1alpha1.LineageSpec;
import io.mlcycle.api.v1alpha1.ModelVersion;
import io.mlcycle.api.v1alpha1.ModelVersionSpec;
import io.mlcycle.api.v1alpha1.TrainingJob;
import io.mlcycle.operator.config.OperatorSettings;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Optional;

/**
 * The ModelVersion a succeeded TrainingJob registers: {@code <model>-<n>}, with the trainer's artifact, signature,
 * features, metrics and reference profile, and lineage back to the run and its data. It is deliberately not owned by
 * the TrainingJob: deleting a run never deletes a registered model.
 */
public final class RegisteredVersion {

    /** Annotation on a TrainingJob (set by a DriftMonitor's retrain) naming the version it retrains. */
    public static final String PARENT_VERSION = "mlcycle.io/parent-version";

    private RegisteredVersion() {
    }

    public static String name(String model, long number) {
        return model + "-" + number;
    }

    public static ModelVersion of(TrainingJob tj, TrainerResult result, long number, OperatorSettings settings) {
        String model = tj.getSpec().getModel();
        ModelVersion version = new ModelVersion();
        version.setMetadata(new ObjectMetaBuilder().withName(name(model, number))
                .withNamespace(tj.getMetadata().getNamespace())
                .withLabels(Labels.of("model-version", Labels.MODEL, model, Labels.VERSION, Long.toString(number),
                        Labels.TRAINING_JOB, tj.getMetadata().getName(),
                        Labels.TRAINING_JOB_UID, tj.getMetadata().getUid()))
                .build());
        ModelVersionSpec spec = new ModelVersionSpec();
        spec.setModel(model);
        spec.setVersion(Long.toString(number));
        spec.setFormat(result.format());
        spec.setArtifact(result.artifact());
        spec.setSignature(result.signature());
        spec.setFeatures(result.features());
        spec.setReferenceProfile(result.referenceProfile());
        spec.setMetrics(result.metrics());
        LineageSpec lineage = new LineageSpec();
        lineage.setTrainingJob(tj.getMetadata().getName());
        DatasetSpec dataset = new DatasetSpec();
        dataset.setUri(tj.getSpec().getDataset().getUri());
        dataset.setFormat(tj.getSpec().getDataset().getFormat());
        dataset.setSha256(Optional.ofNullable(result.dataset()).map(DatasetSpec::getSha256)
                .orElse(tj.getSpec().getDataset().getSha256()));
        lineage.setDataset(dataset);
        lineage.setParentVersion(Optional.ofNullable(tj.getMetadata().getAnnotations())
                .map(a -> a.get(PARENT_VERSION)).orElse(null));
        spec.setLineage(lineage);
        spec.setApproval(settings.defaultApproval());
        version.setSpec(spec);
        return version;
    }
}
