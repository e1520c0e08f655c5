package io.mlcycle.operator.desired;

import io.mlcycle.api.v1alpha1.Approval;
import io.mlcycle.api.v1alpha1.DatasetSpec;
import io.mlcycle.api.v1alpha1.LineageSpec;
import io.mlcycle.api.v1alpha1.ModelVersion;
import io.mlcycle.api.v1alpha1.ModelVersionSpec;
import io.mlcycle.api.v1alpha1.TrainingJob;
import io.mlcycle.operator.config.OperatorSettings;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The ModelVersion a succeeded TrainingJob registers: {@code <model>-<n>}, with the trainer's artifact, signature,
 * features, metrics and reference profile, lineage back to the run and its data, and the approval a retrain's policy
 * decides ({@link ChampionGate}). It is deliberately not owned by
 * the TrainingJob: deleting a run never deletes a registered model.
 */
public final class RegisteredVersion {

    /** Annotation on a TrainingJob (set by a DriftMonitor's retrain) naming the version it retrains. */
    public static final String PARENT_VERSION = "mlcycle.io/parent-version";

    private RegisteredVersion() {
    }

    /**
     * A retrain's policy decides (Manual: Pending for a person; Auto: Approved only when the gate passes, else
     * Pending), any other run gets the operator's default.
     */
    static Approval approval(TrainingJob tj, TrainerResult result, OperatorSettings settings) {
        Map<String, String> annotations = Optional.ofNullable(tj.getMetadata().getAnnotations()).orElse(Map.of());
        String policy = annotations.get(ChampionGate.POLICY);
        if (policy == null) {
            return settings.defaultApproval();
        }
        return ChampionGate.AUTO.equals(policy) && ChampionGate.judge(annotations, result.metrics()).passed()
                ? Approval.Approved : Approval.Pending;
    }

    /** The retrain's approval policy and gate settings, kept on the version so its status can tell the verdict. */
    private static Map<String, String> gateAnnotations(TrainingJob tj) {
        Map<String, String> annotations = Optional.ofNullable(tj.getMetadata().getAnnotations()).orElse(Map.of());
        Map<String, String> kept = new TreeMap<>();
        for (String key : List.of(ChampionGate.POLICY, ChampionGate.METRIC, ChampionGate.MIN_IMPROVEMENT)) {
            if (annotations.containsKey(key)) {
                kept.put(key, annotations.get(key));
            }
        }
        return kept.isEmpty() ? null : kept;
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
                .withAnnotations(gateAnnotations(tj))
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
        spec.setApproval(approval(tj, result, settings));
        version.setSpec(spec);
        return version;
    }
}
