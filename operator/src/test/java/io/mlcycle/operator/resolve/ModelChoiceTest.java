package io.mlcycle.operator.resolve;

import static io.mlcycle.operator.Fixtures.servedVersion;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.mlcycle.api.v1alpha1.ModelVersion;
import io.mlcycle.operator.Fixtures;

class ModelChoiceTest {

    private static ModelChoice.Result pin(String version, List<ModelVersion> versions) {
        return ModelChoice.choose(Fixtures.inferenceService("model: {name: churn, version: \"" + version + "\"}"),
                versions);
    }

    private static ModelChoice.Result latest(List<ModelVersion> versions) {
        return ModelChoice.choose(Fixtures.inferenceService("model: {name: churn, track: latest}"), versions);
    }

    @Test
    void aPinServesExactlyThatVersion() {
        ModelChoice.Result result = pin("2", List.of(servedVersion("1", "Ready", "Approved", "xgboost"),
                servedVersion("2", "Ready", "Approved", "xgboost")));

        assertThat(result.version()).hasValueSatisfying(v -> assertThat(v.getMetadata().getName()).isEqualTo("churn-2"));
    }

    @Test
    void aMissingPinnedVersionIsNamed() {
        ModelChoice.Result result = pin("7", List.of(servedVersion("1", "Ready", "Approved", "xgboost")));

        assertThat(result.version()).isEmpty();
        assertThat(result.reason()).isEqualTo("ModelVersionNotFound");
        assertThat(result.message()).contains("version 7").contains("churn");
        assertThat(result.terminal()).isFalse();
    }

    @Test
    void aFailedPinIsNeverServedAndOnlyAChangeOfSpecHelps() {
        ModelChoice.Result result = pin("1", List.of(servedVersion("1", "Failed", "Approved", "xgboost")));

        assertThat(result.version()).isEmpty();
        assertThat(result.reason()).isEqualTo("ModelVersionFailed");
        assertThat(result.terminal()).isTrue();
    }

    @Test
    void aPendingPinWaitsForApprovalAndSaysHowToGiveIt() {
        ModelChoice.Result result = pin("1", List.of(servedVersion("1", "Ready", "Pending", "xgboost")));

        assertThat(result.reason()).isEqualTo("AwaitingApproval");
        assertThat(result.message()).contains("kubectl patch modelversion churn-1");
    }

    @Test
    void latestSkipsNewerVersionsThatArePendingRejectedFailedOrValidating() {
        ModelChoice.Result result = latest(List.of(servedVersion("1", "Ready", "Approved", "xgboost"),
                servedVersion("2", "Ready", "Approved", "xgboost"),
                servedVersion("3", "Ready", "Pending", "xgboost"),
                servedVersion("4", "Ready", "Rejected", "xgboost"),
                servedVersion("5", "Failed", "Approved", "xgboost"),
                servedVersion("6", "Validating", "Approved", "xgboost")));

        assertThat(result.version()).hasValueSatisfying(v -> assertThat(v.getSpec().getVersion()).isEqualTo("2"));
    }

    @Test
    void latestComparesVersionNumbersAsNumbers() {
        ModelVersion nine = servedVersion("9", "Ready", "Approved", "xgboost");
        ModelVersion ten = servedVersion("1", "Ready", "Approved", "xgboost");
        ten.getSpec().setVersion("10");
        ten.getMetadata().setName("churn-10");

        assertThat(latest(List.of(ten, nine)).version()).hasValueSatisfying(v ->
                assertThat(v.getSpec().getVersion()).isEqualTo("10"));
    }

    @Test
    void latestWithNothingServableSaysWhatTheNewestWaitsFor() {
        ModelChoice.Result result = latest(List.of(servedVersion("1", "Ready", "Pending", "xgboost")));

        assertThat(result.version()).isEmpty();
        assertThat(result.reason()).isEqualTo("AwaitingApproval");
        assertThat(result.message()).contains("churn-1");
    }

    @Test
    void otherModelsVersionsAreIgnored() {
        ModelVersion other = servedVersion("1", "Ready", "Approved", "xgboost");
        other.getSpec().setModel("fraud");

        assertThat(latest(List.of(other)).reason()).isEqualTo("ModelVersionNotFound");
    }
}
