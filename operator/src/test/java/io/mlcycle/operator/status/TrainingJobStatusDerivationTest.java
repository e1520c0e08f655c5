package io.mlcycle.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.mlcycle.api.v1alpha1.ConditionStatus;
import io.mlcycle.api.v1alpha1.StatusCondition;
import io.mlcycle.api.v1alpha1.TrainingJob;
import io.mlcycle.api.v1alpha1.TrainingJobPhase;
import io.mlcycle.api.v1alpha1.TrainingJobStatus;
import io.mlcycle.api.v1alpha1.TrainingProgress;
import io.mlcycle.operator.Fixtures;
import io.mlcycle.operator.desired.TrainerResult;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrainingJobStatusDerivationTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private final TrainingJob tj = Fixtures.trainingJob("activeDeadlineSeconds: 60\nresources: {memory: 256Mi}");

    @Test
    void beforeItsJobExistsATrainingJobIsPendingAndReconciling() {
        TrainingJobStatus status = derive(TrainingObservation.nothing());
        assertThat(status.getPhase()).isEqualTo(TrainingJobPhase.Pending);
        assertThat(status.getObservedGeneration()).isEqualTo(3L);
        assertCondition(status, "Ready", false, "Creating");
        assertCondition(status, "Reconciling", true, "Creating");
        assertCondition(status, "Stalled", false, "Progressing");
    }

    @Test
    void aRunningWorkerShowsItsCountsAndTheLastProgressLine() {
        TrainingProgress progress = ProgressLine.last("""
                loading
                mlcycle-progress {"step":10,"steps":50,"unit":"round","loss":0.31,"metric":"logloss","value":0.29}
                mlcycle-progress {"step":20,"ste""").orElseThrow();
        TrainingJobStatus status = derive(observed(job("active: 1", ""), List.of(pod("phase: Running")),
                Optional.of(progress)));
        assertThat(status.getPhase()).isEqualTo(TrainingJobPhase.Running);
        assertThat(status.getJobName()).isEqualTo("churn-train");
        assertThat(status.getWorkers().getActive()).isEqualTo(1);
        assertThat(status.getStartTime()).isEqualTo("2026-12-01T11:59:00Z");
        assertThat(status.getProgress().getStep()).isEqualTo(10L);
        assertCondition(status, "Ready", false, "Training");
        assertThat(message(status, "Ready")).isEqualTo("training: round 10/50, loss 0.3100, logloss 0.2900");
    }

    @Test
    void anUnschedulablePodSaysWhatTheSchedulerSaid() {
        TrainingJobStatus status = derive(observed(job("active: 1", ""), List.of(pod("""
                phase: Pending
                conditions:
                - {type: PodScheduled, status: "False", reason: Unschedulable, message: "0/1 nodes are available: 1 Insufficient nvidia.com/gpu."}
                """)), Optional.empty()));
        assertThat(status.getPhase()).isEqualTo(TrainingJobPhase.Pending);
        assertCondition(status, "Ready", false, "Unschedulable");
        assertThat(message(status, "Ready")).isEqualTo("0/1 nodes are available: 1 Insufficient nvidia.com/gpu.");
        assertCondition(status, "Stalled", false, "Progressing");
    }

    @Test
    void anImageThatCannotBePulledStallsTheRun() {
        TrainingJobStatus status = derive(observed(job("active: 1", ""), List.of(pod("""
                phase: Pending
                containerStatuses:
                - name: trainer
                  image: example.org/missing:1
                  state: {waiting: {reason: ImagePullBackOff, message: "Back-off pulling image"}}
                """)), Optional.empty()));
        assertCondition(status, "Ready", false, "ImagePullFailed");
        assertCondition(status, "Stalled", true, "ImagePullFailed");
        assertThat(message(status, "Ready")).contains("example.org/missing:1").contains("ImagePullBackOff");
    }

    @Test
    void anOomKilledWorkerFailsTheRunSayingSoAndTheMemoryItHad() {
        TrainingJobStatus status = derive(observed(job("failed: 3", failedCondition("BackoffLimitExceeded")),
                List.of(terminated(137, "OOMKilled", "", "2026-12-01T11:59:30Z")), Optional.empty()));
        assertThat(status.getPhase()).isEqualTo(TrainingJobPhase.Failed);
        assertCondition(status, "Failed", true, "OOMKilled");
        assertCondition(status, "Succeeded", false, "OOMKilled");
        assertCondition(status, "Stalled", true, "OOMKilled");
        assertThat(message(status, "Ready")).contains("OOMKilled").contains("256Mi");
        assertThat(status.getCompletionTime()).isEqualTo("2026-12-01T11:59:40Z");
    }

    @Test
    void aDeadlineSaysSo() {
        TrainingJobStatus status = derive(observed(job("failed: 1", failedCondition("DeadlineExceeded")),
                List.of(), Optional.empty()));
        assertCondition(status, "Failed", true, "DeadlineExceeded");
        assertThat(message(status, "Failed")).contains("activeDeadlineSeconds (60 s)");
    }

    @Test
    void theBuiltinTrainersExitCodesNameTheReasonAndItsLastMessageIsShown() {
        TrainingJobStatus status = derive(observed(job("failed: 3", failedCondition("BackoffLimitExceeded")),
                List.of(terminated(3, "Error", "first try", "2026-12-01T11:58:00Z"),
                        terminated(4, "Error", "dataset s3://mlcycle/data/churn.csv has sha256 1 but 2 was expected",
                                "2026-12-01T11:59:00Z")),
                Optional.empty()));
        assertCondition(status, "Failed", true, "DatasetDigestMismatch");
        assertThat(message(status, "Failed")).isEqualTo("the trainer exited with code 4: dataset "
                + "s3://mlcycle/data/churn.csv has sha256 1 but 2 was expected");
    }

    @Test
    void aCustomTrainersFailureIsTrainerFailedWithItsMessage() {
        TrainingJob custom = Fixtures.customTrainingJob(1, "");
        TrainingJobStatus status = TrainingJobStatusDerivation.derive(custom, observed(job("failed: 1",
                failedCondition("BackoffLimitExceeded")), List.of(terminated(4, "Error", "boom", "2026-12-01T11:59:00Z")),
                Optional.empty()), NOW);
        assertCondition(status, "Failed", true, "TrainerFailed");
        assertThat(message(status, "Failed")).isEqualTo("the trainer exited with code 4: boom");
    }

    @Test
    void aCompletedJobWithItsRegisteredVersionSucceedsWithTheTrainersMetrics() {
        TrainerResult result = TrainerResult.parse(Fixtures.TRAINER_RESULT).orElseThrow();
        TrainingObservation seen = new TrainingObservation(Optional.of(job("succeeded: 1\ncompletionTime: \"2026-12-01T11:59:50Z\"", """
                - {type: Complete, status: "True"}
                """)), List.of(), Optional.empty(), Optional.of(result), Optional.of("churn-3"), Optional.empty());
        TrainingJobStatus status = derive(seen);
        assertThat(status.getPhase()).isEqualTo(TrainingJobPhase.Succeeded);
        assertThat(status.getModelVersion()).isEqualTo("churn-3");
        assertThat(status.getMetrics()).containsEntry("auc", 0.97);
        assertThat(status.getCompletionTime()).isEqualTo("2026-12-01T11:59:50Z");
        assertCondition(status, "Ready", true, "Succeeded");
        assertCondition(status, "Succeeded", true, "Succeeded");
        assertCondition(status, "Failed", false, "Succeeded");
        assertThat(message(status, "Ready")).isEqualTo("trained and registered ModelVersion churn-3 (auc=0.9700)");

        tj.setStatus(status);
        TrainingJobStatus afterTtl = TrainingJobStatusDerivation.derive(tj, TrainingObservation.nothing(), NOW.plusSeconds(600));
        assertThat(Serialization.asJson(afterTtl)).as("the Job deleted after its TTL changes nothing")
                .isEqualTo(Serialization.asJson(status));
    }

    @Test
    void successCriteriaMetIsTheVerdictAndItsTimeTheCompletionTime() {
        TrainingObservation seen = new TrainingObservation(Optional.of(job("succeeded: 1", """
                - {type: SuccessCriteriaMet, status: "True", lastTransitionTime: "2026-12-01T11:59:58Z"}
                """)), List.of(), Optional.empty(), Optional.empty(), Optional.of("churn-3"), Optional.empty());
        TrainingJobStatus status = derive(seen);
        assertThat(status.getPhase()).isEqualTo(TrainingJobPhase.Succeeded);
        assertThat(status.getCompletionTime()).isEqualTo("2026-12-01T11:59:58Z");
    }

    @Test
    void aTrainerThatFinishedBeforeTheJobsVerdictIsFinishingNotStarting() {
        TrainingJobStatus status = derive(observed(job("active: 1", ""), List.of(pod("""
                phase: Succeeded
                containerStatuses:
                - name: trainer
                  state: {terminated: {exitCode: 0, reason: Completed, finishedAt: "2026-12-01T11:59:50Z"}}
                """)), Optional.empty()));
        assertThat(status.getPhase()).isEqualTo(TrainingJobPhase.Running);
        assertCondition(status, "Ready", false, "Finishing");
    }

    @Test
    void aCompletedJobWhoseTerminationMessageIsNoSummaryFailsAsInvalidResult() {
        TrainingObservation seen = new TrainingObservation(Optional.of(job("succeeded: 1", """
                - {type: Complete, status: "True"}
                """)), List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("the termination message is no result summary: done"));
        TrainingJobStatus status = derive(seen);
        assertThat(status.getPhase()).isEqualTo(TrainingJobPhase.Failed);
        assertCondition(status, "Failed", true, "InvalidResult");
    }

    @Test
    void aSuspendedJobIsSuspended() {
        Job job = job("", "");
        job.getSpec().setSuspend(true);
        TrainingJobStatus status = derive(observed(job, List.of(), Optional.empty()));
        assertThat(status.getPhase()).isEqualTo(TrainingJobPhase.Suspended);
        assertCondition(status, "Ready", false, "Suspended");
        assertCondition(status, "Reconciling", false, "Idle");
    }

    @Test
    void runtimesNotImplementedStallWithRuntimeNotSupported() {
        TrainingJob jobSet = Fixtures.trainingJob("runtime: RayJob");
        TrainingJobStatus status = TrainingJobStatusDerivation.derive(jobSet, TrainingObservation.nothing(), NOW);
        assertCondition(status, "Stalled", true, "RuntimeNotSupported");
        assertThat(message(status, "Stalled")).contains("RayJob");
    }

    @Test
    void aJobSetIsSeenAsItsJobWithItsPodsAsWorkers() {
        TrainingJob jobSet = Fixtures.customTrainingJob(3, "runtime: JobSet");
        io.fabric8.kubernetes.api.model.GenericKubernetesResource object = Serialization.unmarshal("""
                apiVersion: jobset.x-k8s.io/v1alpha2
                kind: JobSet
                metadata: {name: ddp, namespace: ml}
                spec: {suspend: false}
                status:
                  conditions:
                  - {type: StartupPolicyCompleted, status: "True"}
                  - {type: Completed, status: "True", reason: AllJobsCompleted, lastTransitionTime: "2026-12-01T11:59:55Z"}
                """, io.fabric8.kubernetes.api.model.GenericKubernetesResource.class);
        List<Pod> pods = List.of(pod("phase: Succeeded\nstartTime: \"2026-12-01T11:59:10Z\""),
                pod("phase: Succeeded\nstartTime: \"2026-12-01T11:59:05Z\""), pod("phase: Succeeded"));
        Job seen = JobSetView.asJob(object, pods);
        TrainingJobStatus status = TrainingJobStatusDerivation.derive(jobSet, new TrainingObservation(Optional.of(seen),
                pods, Optional.empty(), Optional.empty(), Optional.of("churn-1"), Optional.empty()), NOW);
        assertThat(status.getPhase()).isEqualTo(TrainingJobPhase.Succeeded);
        assertThat(status.getWorkers().getSucceeded()).isEqualTo(3);
        assertThat(status.getStartTime()).isEqualTo("2026-12-01T11:59:05Z");
        assertThat(status.getCompletionTime()).isEqualTo("2026-12-01T11:59:55Z");
    }

    @Test
    void aJobSetRuntimeOnAClusterWithoutTheJobSetApiStallsSayingWhatToInstall() {
        TrainingJobStatus status = TrainingJobStatusDerivation.derive(Fixtures.trainingJob("runtime: JobSet"),
                TrainingObservation.blocked("RuntimeNotInstalled", "spec.runtime is JobSet but this cluster does not serve it",
                        false), NOW);
        assertThat(status.getPhase()).isEqualTo(TrainingJobPhase.Pending);
        assertCondition(status, "Stalled", true, "RuntimeNotInstalled");
    }

    @Test
    void aJobDeletedBeforeTheVerdictFailsTheRunUnlessItHadRegisteredItsVersion() {
        TrainingJobStatus gone = derive(TrainingObservation.blocked("WorkloadDeleted", "the workers' Job was deleted",
                true));
        assertThat(gone.getPhase()).isEqualTo(TrainingJobPhase.Failed);
        assertCondition(gone, "Failed", true, "WorkloadDeleted");

        TrainingJobStatus registered = derive(TrainingObservation.blocked("WorkloadDeleted", "deleted", true,
                Optional.of("churn-4")));
        assertThat(registered.getPhase()).isEqualTo(TrainingJobPhase.Succeeded);
        assertThat(registered.getModelVersion()).isEqualTo("churn-4");
    }

    @Test
    void aRefusedWorkloadStallsWithTheApiServersWordsUntilTheSpecChanges() {
        TrainingJobStatus status = derive(TrainingObservation.blocked("WorkloadRefused",
                "the API server refused the workers' workload: spec.template.spec.containers[0].env[3].name: Invalid value",
                false));
        assertThat(status.getPhase()).isEqualTo(TrainingJobPhase.Pending);
        assertCondition(status, "Stalled", true, "WorkloadRefused");
        assertThat(status.getConditions()).noneMatch(c -> c.getType().equals("Failed"));
    }

    @Test
    void aVerdictIsFinalEvenWhenThePodsThatExplainedItAreGone() {
        TrainingJobStatus failed = derive(observed(job("failed: 1", failedCondition("BackoffLimitExceeded")),
                List.of(terminated(3, "Error", "dataset s3://x not found", "2026-12-01T11:59:00Z")), Optional.empty()));
        tj.setStatus(failed);
        tj.getMetadata().setGeneration(4L);
        TrainingJobStatus later = TrainingJobStatusDerivation.derive(tj, observed(job("failed: 1",
                failedCondition("BackoffLimitExceeded")), List.of(), Optional.empty()), NOW.plusSeconds(60));
        assertCondition(later, "Failed", true, "DatasetNotFound");
        assertThat(later.getObservedGeneration()).isEqualTo(4L);
        assertThat(later.getConditions()).allSatisfy(c -> assertThat(c.getObservedGeneration()).isEqualTo(4L));
    }

    @Test
    void derivingAgainFromTheSameObservationGivesAnEqualStatusSoNothingIsWritten() {
        TrainingObservation seen = observed(job("active: 1", ""), List.of(pod("phase: Running")), Optional.empty());
        TrainingJobStatus first = derive(seen);
        tj.setStatus(first);
        TrainingJobStatus second = TrainingJobStatusDerivation.derive(tj, seen, NOW.plusSeconds(30));
        assertThat(Serialization.asJson(second)).isEqualTo(Serialization.asJson(first));
    }

    private TrainingJobStatus derive(TrainingObservation seen) {
        return TrainingJobStatusDerivation.derive(tj, seen, NOW);
    }

    private static TrainingObservation observed(Job job, List<Pod> pods, Optional<TrainingProgress> progress) {
        return new TrainingObservation(Optional.of(job), pods, progress, Optional.empty(), Optional.empty(), Optional.empty());
    }

    static Job job(String status, String conditions) {
        return Fixtures.job("""
                apiVersion: batch/v1
                kind: Job
                metadata: {name: churn-train, namespace: ml}
                spec: {suspend: false}
                status:
                  startTime: "2026-12-01T11:59:00Z"
                %s
                  conditions:
                %s
                """.formatted(status.lines().map(l -> "  " + l).reduce("", (a, b) -> a + b + "\n"),
                conditions.isBlank() ? "    []" : conditions.lines().map(l -> "  " + l).reduce("", (a, b) -> a + b + "\n")));
    }

    private static String failedCondition(String reason) {
        return "- {type: Failed, status: \"True\", reason: " + reason
                + ", message: \"Job has reached the specified backoff limit\", lastTransitionTime: \"2026-12-01T11:59:40Z\"}";
    }

    static Pod pod(String status) {
        return Fixtures.pod("""
                apiVersion: v1
                kind: Pod
                metadata: {name: churn-train-x, namespace: ml, labels: {job-name: churn-train}}
                status:
                """ + status.lines().map(l -> "  " + l).reduce("", (a, b) -> a + b + "\n"));
    }

    static Pod terminated(int exitCode, String reason, String message, String finishedAt) {
        return pod("""
                phase: Failed
                containerStatuses:
                - name: trainer
                  image: mlcycle.local/trainer:0.1.0-SNAPSHOT
                  state: {terminated: {exitCode: %d, reason: %s, message: "%s", finishedAt: "%s"}}
                """.formatted(exitCode, reason, message, finishedAt));
    }

    static void assertCondition(io.mlcycle.api.v1alpha1.MlcycleStatus status, String type, boolean value, String reason) {
        StatusCondition condition = status.getConditions().stream().filter(c -> c.getType().equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError("no condition " + type + " in " + Serialization.asJson(status)));
        assertThat(condition.getStatus()).as(type + " " + condition.getMessage())
                .isEqualTo(value ? ConditionStatus.True : ConditionStatus.False);
        assertThat(condition.getReason()).as(type + " reason").isEqualTo(reason);
        assertThat(condition.getObservedGeneration()).isNotNull();
        assertThat(condition.getLastTransitionTime()).isNotNull();
    }

    static String message(io.mlcycle.api.v1alpha1.MlcycleStatus status, String type) {
        return status.getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow()
                .getMessage();
    }
}
