package io.mlcycle.operator.desired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlcycle.api.v1alpha1.Approval;
import io.mlcycle.api.v1alpha1.ModelFormat;
import io.mlcycle.api.v1alpha1.ModelVersion;
import io.mlcycle.api.v1alpha1.TrainingJob;
import io.mlcycle.operator.Fixtures;
import io.mlcycle.operator.config.OperatorSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegisteredVersionTest {

    @Test
    void theResultSummaryBecomesModelNumberWithLineageLabelsAndTheDefaultApproval() {
        TrainingJob tj = Fixtures.trainingJob("");
        tj.getMetadata().setAnnotations(Map.of(RegisteredVersion.PARENT_VERSION, "2"));
        TrainerResult result = TrainerResult.parse(Fixtures.TRAINER_RESULT).orElseThrow();

        ModelVersion version = RegisteredVersion.of(tj, result, 3, OperatorSettings.defaults());

        assertThat(version.getMetadata().getName()).isEqualTo("churn-3");
        assertThat(version.getMetadata().getNamespace()).isEqualTo("ml");
        assertThat(version.getMetadata().getOwnerReferences()).as("deleting a run never deletes a model").isEmpty();
        assertThat(version.getMetadata().getLabels()).containsEntry("mlcycle.io/model", "churn")
                .containsEntry("mlcycle.io/version", "3").containsEntry("mlcycle.io/training-job", "churn-train")
                .containsEntry("mlcycle.io/training-job-uid", "6f1c-uid");
        assertThat(version.getSpec().getModel()).isEqualTo("churn");
        assertThat(version.getSpec().getVersion()).isEqualTo("3");
        assertThat(version.getSpec().getFormat()).isEqualTo(ModelFormat.xgboost);
        assertThat(version.getSpec().getArtifact().getSha256()).isEqualTo("c".repeat(64));
        assertThat(version.getSpec().getArtifact().getSize()).isEqualTo(4096L);
        assertThat(version.getSpec().getMetrics()).containsEntry("auc", 0.97);
        assertThat(version.getSpec().getSignature().getInputs().get(0).getShape()).containsExactly(-1L, 2L);
        assertThat(version.getSpec().getFeatures()).extracting(f -> f.getName()).containsExactly("tenure", "plan");
        assertThat(version.getSpec().getReferenceProfile().getSamples()).isEqualTo(800L);
        assertThat(version.getSpec().getReferenceProfile().getFeatures()).hasSize(2);
        assertThat(version.getSpec().getLineage().getTrainingJob()).isEqualTo("churn-train");
        assertThat(version.getSpec().getLineage().getDataset().getSha256()).isEqualTo("d".repeat(64));
        assertThat(version.getSpec().getLineage().getParentVersion()).isEqualTo("2");
        assertThat(version.getSpec().getApproval()).isEqualTo(Approval.Pending);
    }

    @Test
    void aTerminationMessageThatIsNoSummaryIsNoResultAndASummaryWithoutTheArtifactIsAnError() {
        assertThat(TrainerResult.parse("Traceback (most recent call last): ...")).isEmpty();
        assertThat(TrainerResult.parse(null)).isEmpty();
        assertThat(TrainerResult.parse("{not json")).isEmpty();
        assertThatThrownBy(() -> TrainerResult.parse("{\"format\":\"xgboost\",\"metrics\":{}}"))
                .hasMessageContaining("artifact.uri");
    }

    @Test
    void versionNumbersContinueAfterTheHighestIntegerVersionOfThatModel() {
        assertThat(VersionNumbers.next("churn", List.of())).isEqualTo(1);
        ModelVersion three = Fixtures.modelVersion("");
        ModelVersion named = Fixtures.modelVersion("");
        named.getSpec().setVersion("2026-11-27");
        ModelVersion other = Fixtures.modelVersion("");
        other.getSpec().setModel("fraud");
        other.getSpec().setVersion("40");
        assertThat(VersionNumbers.next("churn", List.of(three, named, other))).isEqualTo(4);
    }

    @Test
    void longLabelValuesAreCutWithAHashSoTwoLongNamesStayApart() {
        String a = "x".repeat(70) + "a";
        String b = "x".repeat(70) + "b";
        assertThat(LabelValues.fit(a)).hasSize(63).isNotEqualTo(LabelValues.fit(b));
        assertThat(LabelValues.fit("short")).isEqualTo("short");
    }
}
