package io.mlcycle.operator.status;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.mlcycle.api.v1alpha1.TrainingJob;
import io.mlcycle.api.v1alpha1.TrainingJobPhase;
import io.mlcycle.api.v1alpha1.TrainingJobStatus;
import io.mlcycle.api.v1alpha1.TrainingRuntime;
import io.mlcycle.api.v1alpha1.WorkerCounts;
import io.mlcycle.operator.desired.TrainerWorkload;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A TrainingJob's status from what was observed: phase, worker counts, times, progress, metrics, the registered
 * version, and kstatus conditions plus {@code Succeeded} / {@code Failed} with a reason a person can act on.
 */
public final class TrainingJobStatusDerivation {

    public static final String SUCCEEDED = "Succeeded";
    public static final String FAILED = "Failed";

    /** The built-in trainer's exit codes (trainer/README.md) as condition reasons. */
    static final Map<Integer, String> BUILTIN_EXIT_REASONS = Map.of(
            2, "InvalidTrainerSettings",
            3, "DatasetNotFound",
            4, "DatasetDigestMismatch",
            5, "InvalidDataset",
            6, "TrainingFailed",
            7, "OutputWriteFailed");

    private TrainingJobStatusDerivation() {
    }

    public static TrainingJobStatus derive(TrainingJob tj, TrainingObservation seen, Instant now) {
        TrainingJobStatus previous = Optional.ofNullable(tj.getStatus()).orElseGet(TrainingJobStatus::new);
        long generation = Optional.ofNullable(tj.getMetadata().getGeneration()).orElse(0L);
        TrainingJobStatus status = new TrainingJobStatus();
        status.setObservedGeneration(generation);
        ConditionSet conditions = new ConditionSet(previous.getConditions(), generation, now);
        // What a finished run recorded stays when its Job is gone (ttlSecondsAfterFinished).
        status.setJobName(previous.getJobName());
        status.setStartTime(previous.getStartTime());
        status.setCompletionTime(previous.getCompletionTime());
        status.setMetrics(previous.getMetrics());
        status.setProgress(seen.progress().orElse(previous.getProgress()));
        status.setModelVersion(seen.modelVersion().orElse(previous.getModelVersion()));
        status.setWorkers(previous.getWorkers());

        TrainingRuntime runtime = tj.getSpec().getRuntime();
        if (runtime == TrainingRuntime.TrainJob || runtime == TrainingRuntime.RayJob) {
            status.setPhase(TrainingJobPhase.Pending);
            stalledFailure(conditions, "RuntimeNotSupported", "spec.runtime " + runtime + " is not implemented yet; "
                    + "use runtime: Job (an indexed Job with the torchrun env for several workers) or JobSet", false);
            return finish(status, conditions);
        }
        if (previous.getPhase() == TrainingJobPhase.Succeeded || previous.getPhase() == TrainingJobPhase.Failed) {
            // A verdict is final: pods garbage-collected later, or the Job deleted by its TTL, change nothing.
            status.setPhase(previous.getPhase());
            status.setWorkers(previous.getWorkers());
            conditions.carry(ConditionSet.READY, ConditionSet.RECONCILING, ConditionSet.STALLED, SUCCEEDED, FAILED);
            return finish(status, conditions);
        }
        Optional<Job> job = seen.job();
        if (seen.blocked().isPresent()) {
            TrainingObservation.Blocked blocked = seen.blocked().get();
            if (blocked.terminal() && status.getModelVersion() != null) {
                status.setPhase(TrainingJobPhase.Succeeded);
                conditions.kstatus(true, false, false, SUCCEEDED, "trained and registered ModelVersion "
                        + status.getModelVersion() + " (its workload is gone)");
                conditions.set(SUCCEEDED, true, SUCCEEDED, "registered ModelVersion " + status.getModelVersion());
                conditions.set(FAILED, false, SUCCEEDED, "the training succeeded");
                return finish(status, conditions);
            }
            status.setPhase(blocked.terminal() ? TrainingJobPhase.Failed : TrainingJobPhase.Pending);
            stalledFailure(conditions, blocked.reason(), blocked.message(), blocked.terminal());
            return finish(status, conditions);
        }
        if (job.isEmpty()) {
            status.setPhase(TrainingJobPhase.Pending);
            conditions.kstatus(false, true, false, "Creating", "creating the workers' Job");
            return finish(status, conditions);
        }
        JobStatus observed = Optional.ofNullable(job.get().getStatus()).orElseGet(JobStatus::new);
        status.setJobName(job.get().getMetadata().getName());
        status.setStartTime(Optional.ofNullable(observed.getStartTime()).orElse(status.getStartTime()));
        WorkerCounts workers = new WorkerCounts();
        workers.setActive(zero(observed.getActive()));
        workers.setSucceeded(zero(observed.getSucceeded()));
        workers.setFailed(zero(observed.getFailed()));
        status.setWorkers(workers);

        Optional<JobCondition> failed = JobConditions.find(job.get(), "Failed");
        if (JobConditions.find(job.get(), "Complete").isPresent() || JobConditions.find(job.get(), "SuccessCriteriaMet").isPresent()) {
            // SuccessCriteriaMet comes before Complete (and completionTime, set once the pods are gone): the verdict
            // is final from the first, so its time is the completion time.
            status.setCompletionTime(Optional.ofNullable(observed.getCompletionTime())
                    .or(() -> JobConditions.find(job.get(), "SuccessCriteriaMet").map(JobCondition::getLastTransitionTime))
                    .or(() -> JobConditions.find(job.get(), "Complete").map(JobCondition::getLastTransitionTime))
                    .orElse(now.toString()));
            seen.result().ifPresent(r -> status.setMetrics(r.metrics()));
            if (status.getModelVersion() != null) {
                status.setPhase(TrainingJobPhase.Succeeded);
                conditions.kstatus(true, false, false, SUCCEEDED, "trained and registered ModelVersion "
                        + status.getModelVersion() + headline(status));
                conditions.set(SUCCEEDED, true, SUCCEEDED, "registered ModelVersion " + status.getModelVersion());
                conditions.set(FAILED, false, SUCCEEDED, "the training succeeded");
            } else if (seen.registrationError().isPresent()) {
                status.setPhase(TrainingJobPhase.Failed);
                stalledFailure(conditions, "InvalidResult", "the trainer succeeded but its result cannot be "
                        + "registered: " + seen.registrationError().get(), true);
            } else {
                status.setPhase(TrainingJobPhase.Running);
                conditions.kstatus(false, true, false, "Registering", "training finished; registering the ModelVersion");
            }
            return finish(status, conditions);
        }
        if (failed.isPresent()) {
            status.setPhase(TrainingJobPhase.Failed);
            status.setCompletionTime(Optional.ofNullable(failed.get().getLastTransitionTime()).orElse(now.toString()));
            Reason why = failure(tj, failed.get(), seen);
            stalledFailure(conditions, why.reason(), why.message(), true);
            return finish(status, conditions);
        }
        if (Boolean.TRUE.equals(job.get().getSpec().getSuspend()) && workers.getActive() == 0) {
            status.setPhase(TrainingJobPhase.Suspended);
            conditions.kstatus(false, false, false, "Suspended", "spec.suspend is true: no worker runs; set it to "
                    + "false to start");
            return finish(status, conditions);
        }
        Optional<PodTrouble> waiting = PodTrouble.waiting(seen.pods());
        if (waiting.isPresent()) {
            boolean running = workers.getActive() > 0 && seen.pods().stream().anyMatch(p -> p.getStatus() != null
                    && "Running".equals(p.getStatus().getPhase()));
            status.setPhase(running ? TrainingJobPhase.Running : TrainingJobPhase.Pending);
            boolean stalled = !"Unschedulable".equals(waiting.get().reason());
            conditions.kstatus(false, true, stalled, waiting.get().reason(), waiting.get().message());
            return finish(status, conditions);
        }
        boolean running = seen.pods().stream().anyMatch(p -> p.getStatus() != null
                && "Running".equals(p.getStatus().getPhase()));
        boolean finishing = !running && PodTrouble.succeeded(seen.pods(), TrainerWorkload.CONTAINER);
        status.setPhase(running || finishing ? TrainingJobPhase.Running : TrainingJobPhase.Pending);
        String reason = running ? "Training" : finishing ? "Finishing" : "Starting";
        String message = finishing ? "the trainer finished; waiting for the Job's verdict"
                : !running ? "waiting for the worker pods to start"
                : status.getProgress() == null ? "training" : "training: " + ProgressLine.describe(status.getProgress());
        Optional<PodTrouble> retried = PodTrouble.lastFailure(seen.pods(), TrainerWorkload.CONTAINER);
        if (retried.isPresent()) {
            message += "; an earlier attempt failed (" + retried.get().reason() + "): " + retried.get().message();
        }
        conditions.kstatus(false, true, false, reason, message);
        return finish(status, conditions);
    }

    private record Reason(String reason, String message) {
    }

    private static Reason failure(TrainingJob tj, JobCondition failed, TrainingObservation seen) {
        if ("DeadlineExceeded".equals(failed.getReason())) {
            return new Reason("DeadlineExceeded", "the training ran longer than spec.activeDeadlineSeconds ("
                    + tj.getSpec().getActiveDeadlineSeconds() + " s) and was stopped");
        }
        Optional<PodTrouble> last = PodTrouble.lastFailure(seen.pods(), TrainerWorkload.CONTAINER);
        if (last.isPresent()) {
            PodTrouble trouble = last.get();
            if ("OOMKilled".equals(trouble.reason())) {
                return new Reason("OOMKilled", "a worker " + trouble.message() + " (now "
                        + Optional.ofNullable(tj.getSpec().getResources()).map(r -> r.getMemory())
                                .map(Object::toString).orElse("no limit") + ")");
            }
            boolean builtin = tj.getSpec().getTrainer().getBuiltin() != null;
            String reason = builtin ? BUILTIN_EXIT_REASONS.getOrDefault(trouble.exitCode(), "TrainerFailed")
                    : "TrainerFailed";
            String text = trouble.message().isBlank() ? "(no termination message)" : trouble.message();
            return new Reason(reason, "the trainer exited with code " + trouble.exitCode() + ": " + text);
        }
        return new Reason(Optional.ofNullable(failed.getReason()).orElse("JobFailed"),
                Optional.ofNullable(failed.getMessage()).orElse("the workers' Job failed"));
    }

    private static void stalledFailure(ConditionSet conditions, String reason, String message, boolean failed) {
        conditions.kstatus(false, false, true, reason, message);
        if (failed) {
            conditions.set(SUCCEEDED, false, reason, message);
            conditions.set(FAILED, true, reason, message);
        }
    }

    private static TrainingJobStatus finish(TrainingJobStatus status, ConditionSet conditions) {
        status.setConditions(conditions.build());
        return status;
    }

    private static String headline(TrainingJobStatus status) {
        Map<String, Double> metrics = status.getMetrics();
        return metrics == null || metrics.isEmpty() ? "" : " (" + Headline.of(metrics) + ")";
    }


    private static int zero(Integer value) {
        return value == null ? 0 : value;
    }
}
