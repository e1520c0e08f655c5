package io.mlcycle.operator.status;

import static io.mlcycle.operator.status.TrainingJobStatusDerivationTest.assertCondition;
import static io.mlcycle.operator.status.TrainingJobStatusDerivationTest.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.mlcycle.api.v1alpha1.Approval;
import io.mlcycle.api.v1alpha1.ModelVersion;
import io.mlcycle.api.v1alpha1.ModelVersionPhase;
import io.mlcycle.api.v1alpha1.ModelVersionStatus;
import io.mlcycle.operator.Fixtures;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelVersionStatusDerivationTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private final ModelVersion version = Fixtures.modelVersion("");

    @Test
    void aNewVersionIsValidatingAndPendingApprovalWithItsHeadlineMetric() {
        ModelVersionStatus status = ModelVersionStatusDerivation.derive(version, Optional.empty(), List.of(), NOW);
        assertThat(status.getPhase()).isEqualTo(ModelVersionPhase.Validating);
        assertThat(status.getMetric()).isEqualTo("auc=0.9812");
        assertCondition(status, "Ready", false, "Validating");
        assertCondition(status, "Approved", false, "PendingApproval");
        assertThat(ModelVersionStatusDerivation.concluded(version)).isFalse();
    }

    @Test
    void aCompletedValidationMakesItReadyWithTheDigestSizeAndTheRuntimesLine() {
        ModelVersionStatus status = ModelVersionStatusDerivation.derive(version, Optional.of(job("Complete", "")),
                List.of(pod(0, "valid churn:3: sha256 aaa, engine xgboost, golden examples: 8 example values agree")), NOW);
        assertThat(status.getPhase()).isEqualTo(ModelVersionPhase.Ready);
        assertThat(status.getValidatedDigest()).isEqualTo("a".repeat(64));
        assertThat(status.getValidatedSize()).isEqualTo(2048L);
        assertThat(status.getValidatedAt()).isEqualTo("2026-12-01T11:59:59Z");
        assertThat(status.getValidationJob()).isEqualTo("churn-3-validate");
        assertCondition(status, "Ready", true, "Validated");
        assertThat(message(status, "Ready")).contains("golden examples: 8 example values agree");

        version.setStatus(status);
        version.getSpec().setApproval(Approval.Approved);
        version.getMetadata().setGeneration(2L);
        assertThat(ModelVersionStatusDerivation.concluded(version)).isTrue();
        ModelVersionStatus later = ModelVersionStatusDerivation.derive(version, Optional.empty(), List.of(),
                NOW.plusSeconds(7200));
        assertThat(later.getPhase()).as("the result outlives its Job").isEqualTo(ModelVersionPhase.Ready);
        assertCondition(later, "Ready", true, "Validated");
        assertCondition(later, "Approved", true, "Approved");
        assertThat(later.getConditions()).allSatisfy(c -> assertThat(c.getObservedGeneration()).isEqualTo(2L));
        assertThat(later.getConditions().stream().filter(c -> c.getType().equals("Ready")).findFirst().orElseThrow()
                .getLastTransitionTime()).isEqualTo(NOW.toString());
    }

    @Test
    void aDigestMismatchFailsTheVersionWithThatReason() {
        ModelVersionStatus status = ModelVersionStatusDerivation.derive(version, Optional.of(job("Failed", "BackoffLimitExceeded")),
                List.of(pod(3, "invalid churn:3: sha256 mismatch: artifact s3://x has sha256 b but a was expected")), NOW);
        assertThat(status.getPhase()).isEqualTo(ModelVersionPhase.Failed);
        assertCondition(status, "Ready", false, "DigestMismatch");
        assertCondition(status, "Stalled", true, "DigestMismatch");
        assertThat(message(status, "Ready")).contains("sha256 mismatch").contains("never served");
    }

    @Test
    void eachValidateExitCodeHasItsReason() {
        assertThat(reasonFor(3, "invalid churn:3: cannot fetch: 404")).isEqualTo("ArtifactUnavailable");
        assertThat(reasonFor(4, "invalid churn:3: cannot load: not xgboost")).isEqualTo("LoadFailed");
        assertThat(reasonFor(5, "invalid churn:3: inference failed")).isEqualTo("InferenceFailed");
        assertThat(reasonFor(6, "invalid churn:3: wrong answers: 1 of 8")).isEqualTo("WrongAnswers");
    }

    @Test
    void aRejectedVersionSaysItIsNeverServed() {
        version.getSpec().setApproval(Approval.Rejected);
        ModelVersionStatus status = ModelVersionStatusDerivation.derive(version, Optional.empty(), List.of(), NOW);
        assertCondition(status, "Approved", false, "Rejected");
    }

    @Test
    void aRetrainOnTheAutoPolicySaysWhyTheGatePassedOrNot() {
        version.getMetadata().setAnnotations(java.util.Map.of("mlcycle.io/approval-policy", "Auto"));
        version.getSpec().setMetrics(java.util.Map.of("auc", 0.90, "champion_auc", 0.95));
        ModelVersionStatus worse = ModelVersionStatusDerivation.derive(version, Optional.empty(), List.of(), NOW);
        assertCondition(worse, "ChampionGate", false, "ChallengerNotBetter");
        assertThat(worse.getConditions()).filteredOn(c -> c.getType().equals("ChampionGate")).singleElement()
                .satisfies(c -> assertThat(c.getMessage()).contains("auc 0.9000 against the champion's 0.9500",
                        "stays Pending"));
        version.getSpec().setMetrics(java.util.Map.of("auc", 0.97, "champion_auc", 0.95));
        assertCondition(ModelVersionStatusDerivation.derive(version, Optional.empty(), List.of(), NOW),
                "ChampionGate", true, "ChallengerBetter");
        version.getMetadata().setAnnotations(null);
        assertThat(ModelVersionStatusDerivation.derive(version, Optional.empty(), List.of(), NOW).getConditions())
                .noneMatch(c -> c.getType().equals("ChampionGate"));
    }

    @Test
    void derivingAgainGivesAnEqualStatus() {
        ModelVersionStatus first = ModelVersionStatusDerivation.derive(version, Optional.of(job("", "")), List.of(), NOW);
        version.setStatus(first);
        ModelVersionStatus second = ModelVersionStatusDerivation.derive(version, Optional.of(job("", "")), List.of(),
                NOW.plusSeconds(5));
        assertThat(Serialization.asJson(second)).isEqualTo(Serialization.asJson(first));
    }

    private String reasonFor(int exit, String line) {
        ModelVersionStatus status = ModelVersionStatusDerivation.derive(Fixtures.modelVersion(""),
                Optional.of(job("Failed", "BackoffLimitExceeded")), List.of(pod(exit, line)), NOW);
        return status.getConditions().stream().filter(c -> c.getType().equals("Ready")).findFirst().orElseThrow()
                .getReason();
    }

    private static Job job(String condition, String reason) {
        return Fixtures.job("""
                apiVersion: batch/v1
                kind: Job
                metadata: {name: churn-3-validate, namespace: ml}
                status:
                  completionTime: "2026-12-01T11:59:59Z"
                  conditions: %s
                """.formatted(condition.isEmpty() ? "[]"
                : "[{type: " + condition + ", status: \"True\", reason: \"" + reason + "\", lastTransitionTime: \"2026-12-01T11:59:59Z\"}]"));
    }

    private static Pod pod(int exitCode, String message) {
        return Fixtures.pod("""
                apiVersion: v1
                kind: Pod
                metadata: {name: churn-3-validate-x, namespace: ml}
                status:
                  containerStatuses:
                  - name: validate
                    state: {terminated: {exitCode: %d, reason: %s, message: "%s", finishedAt: "2026-12-01T11:59:58Z"}}
                """.formatted(exitCode, exitCode == 0 ? "Completed" : "Error", message));
    }
}
