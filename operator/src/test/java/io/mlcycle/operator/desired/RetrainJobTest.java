package io.mlcycle.operator.desired;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.mlcycle.api.v1alpha1.ArtifactSpec;
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
                      approval: {policy: Auto, metric: f1, minImprovement: 0.01}
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
        TrainingJob job = RetrainJob.of(monitor("churn"), 3, "churn-1", Optional.of(artifact()), "tenure drifted");

        assertThat(job.getMetadata().getName()).isEqualTo("churn-retrain-3");
        assertThat(job.getMetadata().getNamespace()).isEqualTo("ml");
        assertThat(job.getMetadata().getLabels()).containsEntry("team", "growth")
                .containsEntry(RetrainJob.MONITOR, "churn").containsEntry(RetrainJob.NUMBER, "3")
                .containsEntry(Labels.MANAGED_BY, Labels.MANAGER);
        assertThat(job.getMetadata().getAnnotations()).containsEntry("note", "nightly-data")
                .containsEntry(RegisteredVersion.PARENT_VERSION, "churn-1")
                .containsEntry(RetrainJob.REASON, "tenure drifted")
                .containsEntry(ChampionGate.CHAMPION_ARTIFACT, "s3://models/churn/churn-train/model.tar.gz")
                .containsEntry(ChampionGate.CHAMPION_SHA256, "c".repeat(64))
                .containsEntry(ChampionGate.POLICY, "Auto").containsEntry(ChampionGate.METRIC, "f1")
                .containsEntry(ChampionGate.MIN_IMPROVEMENT, "0.01");
        assertThat(job.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
            assertThat(owner.getKind()).isEqualTo("DriftMonitor");
            assertThat(owner.getUid()).isEqualTo("m-uid");
            assertThat(owner.getBlockOwnerDeletion()).as("needs no finalizer rights on the monitor").isFalse();
        });
        assertThat(job.getSpec().getDataset().getUri()).isEqualTo("s3://data/churn-latest.csv");
        assertThat(RetrainJob.number(job)).isEqualTo(3);
    }

    private static ArtifactSpec artifact() {
        ArtifactSpec artifact = new ArtifactSpec();
        artifact.setUri("s3://models/churn/churn-train/model.tar.gz");
        artifact.setSha256("c".repeat(64));
        return artifact;
    }

    @Test
    void aLongMonitorNameIsCutSoTheJobAndItsPodsStillFit() {
        String name = "a".repeat(63);
        TrainingJob job = RetrainJob.of(monitor(name), 12, null, Optional.empty(), "drift");
        assertThat(job.getMetadata().getName()).hasSizeLessThanOrEqualTo(RetrainJob.MONITOR_PART + 11)
                .endsWith("-retrain-12").isNotEqualTo(RetrainJob.of(monitor("a".repeat(62)), 12, null, Optional.empty(), "x")
                        .getMetadata().getName());
        assertThat(job.getMetadata().getAnnotations()).doesNotContainKey(RegisteredVersion.PARENT_VERSION)
                .doesNotContainKey(ChampionGate.CHAMPION_ARTIFACT)
                .containsEntry(RetrainJob.MONITOR, name);
        assertThat(job.getMetadata().getLabels().get(RetrainJob.MONITOR)).hasSizeLessThanOrEqualTo(63);
    }
}
