package io.mlcycle.operator.desired;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.mlcycle.api.v1alpha1.ArtifactSpec;
import io.mlcycle.api.v1alpha1.DriftMonitor;
import io.mlcycle.api.v1alpha1.RetrainApproval;
import io.mlcycle.api.v1alpha1.RetrainApprovalPolicy;
import io.mlcycle.api.v1alpha1.TrainingJob;
import io.mlcycle.api.v1alpha1.TrainingJobTemplate;

/**
 * The retraining TrainingJob a DriftMonitor creates from {@code action.retrain.template}: named
 * {@code <monitor>-retrain-<n>} (so a repeat of the same create is refused as a duplicate instead of making a second
 * job), owned by the monitor, labelled with it and its number, and annotated with the version it retrains (the
 * parent in the registered version's lineage, and the champion the trainer scores), the approval policy and its gate
 * ({@link ChampionGate}) and the drift that caused it.
 */
public final class RetrainJob {

    /** Label on a retraining TrainingJob: the monitor that made it (its name, cut to fit). */
    public static final String MONITOR = "mlcycle.io/drift-monitor";
    /** Label on a retraining TrainingJob: its number among the monitor's retrains, 1 for the first. */
    public static final String NUMBER = "mlcycle.io/retrain-number";
    /** Annotation on a retraining TrainingJob: the drift that caused it, in words. */
    public static final String REASON = "mlcycle.io/retrain-reason";
    /** Room left in a name for {@code -retrain-<n>}, so the trainer's Job and pods derived from it still fit. */
    static final int MONITOR_PART = 40;

    private RetrainJob() {
    }

    public static String name(DriftMonitor monitor, int number) {
        return LabelValues.shorten(monitor.getMetadata().getName(), MONITOR_PART) + "-retrain-" + number;
    }

    /**
     * Retrain number {@code number} of {@code monitor}, retraining {@code parentVersion} (whose artifact, when known,
     * the trainer scores beside the new model for the approval gate) because of {@code reason}.
     */
    public static TrainingJob of(DriftMonitor monitor, int number, String parentVersion, Optional<ArtifactSpec> parent,
            String reason) {
        TrainingJobTemplate template = monitor.getSpec().getAction().getRetrain().getTemplate();
        Map<String, String> labels = new LinkedHashMap<>(Optional.ofNullable(template.getLabels()).orElse(Map.of()));
        labels.putAll(Labels.of("retrain", MONITOR, monitor.getMetadata().getName(), NUMBER,
                Integer.toString(number)));
        Map<String, String> annotations = new LinkedHashMap<>(Optional.ofNullable(template.getAnnotations())
                .orElse(Map.of()));
        annotations.put(MONITOR, monitor.getMetadata().getName());
        annotations.put(REASON, reason);
        if (parentVersion != null) {
            annotations.put(RegisteredVersion.PARENT_VERSION, parentVersion);
        }
        parent.ifPresent(artifact -> {
            annotations.put(ChampionGate.CHAMPION_ARTIFACT, artifact.getUri());
            if (artifact.getSha256() != null) {
                annotations.put(ChampionGate.CHAMPION_SHA256, artifact.getSha256());
            }
        });
        RetrainApproval approval = Optional.ofNullable(monitor.getSpec().getAction().getRetrain().getApproval())
                .orElseGet(RetrainApproval::new);
        annotations.put(ChampionGate.POLICY, String.valueOf(Optional.ofNullable(approval.getPolicy())
                .orElse(RetrainApprovalPolicy.Manual)));
        if (approval.getMetric() != null) {
            annotations.put(ChampionGate.METRIC, approval.getMetric());
        }
        annotations.put(ChampionGate.MIN_IMPROVEMENT, String.valueOf(Optional.ofNullable(approval.getMinImprovement())
                .orElse(0.0)));
        TrainingJob job = new TrainingJob();
        job.setMetadata(new ObjectMetaBuilder().withName(name(monitor, number))
                .withNamespace(monitor.getMetadata().getNamespace()).withLabels(labels).withAnnotations(annotations)
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(monitor.getApiVersion())
                        .withKind(monitor.getKind()).withName(monitor.getMetadata().getName())
                        .withUid(monitor.getMetadata().getUid()).withController(true).withBlockOwnerDeletion(false)
                        .build())
                .build());
        job.setSpec(template.getSpec());
        return job;
    }

    /** The number in a retraining TrainingJob's name ({@code <monitor>-retrain-<n>}); 0 for another name. */
    public static int number(String name) {
        int at = name == null ? -1 : name.lastIndexOf("-retrain-");
        if (at < 0) {
            return 0;
        }
        try {
            return Integer.parseInt(name.substring(at + "-retrain-".length()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The number of a retraining TrainingJob, from its label; 0 when it carries none. */
    public static int number(TrainingJob job) {
        return Optional.ofNullable(job.getMetadata().getLabels()).map(l -> l.get(NUMBER)).map(value -> {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                return 0;
            }
        }).orElse(0);
    }
}
