package io.mlcycle.operator.desired;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.mlcycle.api.v1alpha1.ModelVersion;
import io.mlcycle.operator.config.OperatorSettings;
import java.util.List;
import java.util.Map;

/**
 * The validation Job of a ModelVersion: the inference runtime image in validate mode, which fetches the artifact,
 * checks its SHA-256, loads it, runs the signature once and the golden examples, and leaves one line (and an exit code
 * saying which check failed) as its termination message. Runs once, no retries: a failure is a property of the artifact.
 */
public final class ValidationWorkload {

    public static final String CONTAINER = "validate";
    private static final long FINISHED_JOB_TTL_SECONDS = 3600;

    private ValidationWorkload() {
    }

    public static String jobName(ModelVersion version) {
        return LabelValues.shorten(version.getMetadata().getName() + "-validate", LabelValues.LABEL_VALUE_MAX);
    }

    public static Map<String, String> labels(ModelVersion version) {
        return Labels.of("validation", Labels.MODEL_VERSION, version.getMetadata().getName(),
                Labels.MODEL, version.getSpec().getModel());
    }

    public static Job job(ModelVersion version, OperatorSettings settings) {
        var spec = version.getSpec();
        List<EnvVar> env = List.of(
                new EnvVar("MLCYCLE_RUNTIME_MODEL_URI", spec.getArtifact().getUri(), null),
                new EnvVar("MLCYCLE_RUNTIME_SHA256", spec.getArtifact().getSha256(), null),
                new EnvVar("MLCYCLE_RUNTIME_NAME", spec.getModel(), null),
                new EnvVar("MLCYCLE_RUNTIME_VERSION", spec.getVersion(), null),
                new EnvVar("MLCYCLE_RUNTIME_ENGINE", engine(version), null),
                new EnvVar("MLCYCLE_RUNTIME_WORKERS", "1", null));
        return new JobBuilder()
                .withNewMetadata().withName(jobName(version)).withNamespace(version.getMetadata().getNamespace())
                    .withLabels(labels(version))
                    .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(version.getApiVersion())
                            .withKind(version.getKind()).withName(version.getMetadata().getName())
                            .withUid(version.getMetadata().getUid()).withController(true).withBlockOwnerDeletion(true)
                            .build())
                .endMetadata()
                .withNewSpec().withBackoffLimit(0).withTtlSecondsAfterFinished((int) FINISHED_JOB_TTL_SECONDS)
                    .withActiveDeadlineSeconds(900L)
                    .withNewTemplate()
                        .withNewMetadata().withLabels(labels(version))
                            .addToLabels(Labels.OWNER_UID, version.getMetadata().getUid())
                            .addToAnnotations(Labels.OWNER_NAME, version.getMetadata().getName()).endMetadata()
                        .withNewSpec().withRestartPolicy("Never").withAutomountServiceAccountToken(false)
                            .withEnableServiceLinks(false)
                            .withImagePullSecrets(RestrictedPods.pullSecrets(settings.imagePullSecrets()))
                            .withSecurityContext(RestrictedPods.podSecurity())
                            .addNewContainer().withName(CONTAINER).withImage(settings.runtimeImage())
                                .withImagePullPolicy(settings.imagePullPolicy())
                                .withArgs("validate").withEnv(env)
                                .withEnvFrom(RestrictedPods.s3Keys(settings.s3Secret()))
                                .withNewResources()
                                    .withRequests(Map.of("cpu", new Quantity("250m"), "memory", new Quantity("512Mi")))
                                    .withLimits(Map.of("memory", new Quantity("2Gi")))
                                .endResources()
                                .withSecurityContext(RestrictedPods.containerSecurity())
                                .withVolumeMounts(RestrictedPods.scratchMounts())
                                .withTerminationMessagePolicy("FallbackToLogsOnError")
                            .endContainer()
                            .withVolumes(RestrictedPods.scratchVolumes("2Gi"))
                        .endSpec()
                    .endTemplate()
                .endSpec().build();
    }

    /** The runtime's engine for the declared format (its {@code engine} setting). */
    private static String engine(ModelVersion version) {
        return switch (version.getSpec().getFormat()) {
            case onnx -> "onnxruntime";
            case pytorch -> "pytorch";
            case xgboost -> "xgboost";
        };
    }
}
