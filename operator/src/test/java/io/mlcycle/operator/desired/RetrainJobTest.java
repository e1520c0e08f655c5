package io.mlcycle.operator.desired;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.mlcycle.api.v1alpha1.DriftMonitor;
import io.mlcycle.api.v1alpha1.TrainingJob;

class RetrainJobTest {

    private static DriftMonitor monitor(String name) {
        return Serialization.unmarshal("""
                apiVersion: mlcycle.io/v1alpha1
                kind: DriftMonitor
                metadata: {name: %s, namespace: ml, uid: m-uid}
                spec:
                  inferenceService: shop
                  action:
                    retrain:
                      template:
                        labels: {team: growth}
                        annotations: {note: nightly-data}
                        spec:
                          model: churn
                          dataset: {uri: "s3://data/churn-latest.csv"}
                          output: {uri: "s3://models/churn/"}
                          trainer: {builtin: {algorithm: xgboost, target: churned}}
                """.formatted(name), DriftMonitor.class);
    }

    @Test
    void theTemplateBecomesANumberedJobOwnedByTheMonitorNamingWhatItRetrainsAndWhy() {
        TrainingJob job = RetrainJob.of(monitor("churn"), 3, "churn-1", "tenure drifted");

        assertThat(job.getMetadata().getName()).isEqualTo("churn-retrain-3");
        assertThat(job.getMetadata().getNamespace()).isEqualTo("ml");
        assertThat(job.getMetadata().getLabels()).containsEntry("team", "growth")
                .containsEntry(RetrainJob.MONITOR, "churn").containsEntry(RetrainJob.NUMBER, "3")
                .containsEntry(Labels.MANAGED_BY, Labels.MANAGER);
        assertThat(job.getMetadata().getAnnotations()).containsEntry("note", "nightly-data")
                .containsEntry(RegisteredVersion.PARENT_VERSION, "churn-1")
                .containsEntry(RetrainJob.REASON, "tenure drifted");
        assertThat(job.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
            assertThat(owner.getKind()).isEqualTo("DriftMonitor");
            assertThat(owner.getUid()).isEqualTo("m-uid");
            assertThat(owner.getBlockOwnerDeletion()).as("needs no finalizer rights on the monitor").isFalse();
        });
        assertThat(job.getSpec().getDataset().getUri()).isEqualTo("s3://data/churn-latest.csv");
        assertThat(RetrainJob.number(job)).isEqualTo(3);
    }

    @Test
    void aLongMonitorNameIsCutSoTheJobAndItsPodsStillFit() {
        String name = "a".repeat(63);
        TrainingJob job = RetrainJob.of(monitor(name), 12, null, "drift");
        assertThat(job.getMetadata().getName()).hasSizeLessThanOrEqualTo(RetrainJob.MONITOR_PART + 11)
                .endsWith("-retrain-12").isNotEqualTo(RetrainJob.of(monitor("a".repeat(62)), 12, null, "x")
                        .getMetadata().getName());
        assertThat(job.getMetadata().getAnnotations()).doesNotContainKey(RegisteredVersion.PARENT_VERSION)
                .containsEntry(RetrainJob.MONITOR, name);
        assertThat(job.getMetadata().getLabels().get(RetrainJob.MONITOR)).hasSizeLessThanOrEqualTo(63);
    }
}
