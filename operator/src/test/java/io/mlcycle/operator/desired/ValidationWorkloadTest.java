package io.mlcycle.operator.desired;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.mlcycle.api.v1alpha1.ModelVersion;
import io.mlcycle.operator.Fixtures;
import io.mlcycle.operator.config.OperatorSettings;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ValidationWorkloadTest {

    @Test
    void theRuntimeImageInValidateModeChecksTheDeclaredArtifactOnceWithoutRetries() {
        ModelVersion version = Fixtures.modelVersion("");
        Job job = ValidationWorkload.job(version, OperatorSettings.defaults());

        assertThat(job.getMetadata().getName()).isEqualTo("churn-3-validate");
        assertThat(job.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getUid()).isEqualTo("mv-uid"));
        assertThat(job.getSpec().getBackoffLimit()).isZero();
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("mlcycle.io/model-version", "churn-3").containsEntry("app.kubernetes.io/component", "validation");
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("mlcycle.io/owner-uid", "mv-uid");
        assertThat(job.getSpec().getTemplate().getMetadata().getAnnotations()).containsEntry("mlcycle.io/owner", "churn-3");
        assertThat(job.getSpec().getTemplate().getSpec().getAutomountServiceAccountToken()).isFalse();
        Container container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("mlcycle.local/inference-runtime:0.1.0-SNAPSHOT");
        assertThat(container.getArgs()).containsExactly("validate");
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue)))
                .containsEntry("MLCYCLE_RUNTIME_MODEL_URI", "s3://mlcycle/models/churn-train/model.tar.gz")
                .containsEntry("MLCYCLE_RUNTIME_SHA256", "a".repeat(64))
                .containsEntry("MLCYCLE_RUNTIME_NAME", "churn")
                .containsEntry("MLCYCLE_RUNTIME_VERSION", "3")
                .containsEntry("MLCYCLE_RUNTIME_ENGINE", "xgboost");
        assertThat(container.getVolumeMounts()).extracting(m -> m.getMountPath())
                .containsExactlyInAnyOrder("/tmp", "/var/cache/mlcycle");
    }
}
