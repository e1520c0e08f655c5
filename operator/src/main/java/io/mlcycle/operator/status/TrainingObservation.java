package io.mlcycle.operator.status;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.mlcycle.api.v1alpha1.TrainingProgress;
import io.mlcycle.operator.desired.TrainerResult;
import java.util.List;
import java.util.Optional;

/**
 * What the reconciler saw of one TrainingJob run: its Job (a JobSet is seen as one, {@link JobSetView}) and pods, the
 * last progress line, the trainer's result and the ModelVersion registered from it (or why none could be), and why
 * the runtime asked for cannot run at all (its API is not served by the cluster).
 */
public record TrainingObservation(Optional<Job> job, List<Pod> pods, Optional<TrainingProgress> progress,
        Optional<TrainerResult> result, Optional<String> modelVersion, Optional<String> registrationError,
        Optional<Blocked> blocked) {

    /**
     * Why the run cannot go on: the runtime's API is missing, the API server refused the workload, or the workload
     * was deleted before its result was recorded. {@code terminal} ones fail the run; the others wait for a change.
     */
    public record Blocked(String reason, String message, boolean terminal) {
    }

    public TrainingObservation {
        pods = List.copyOf(pods);
    }

    public TrainingObservation(Optional<Job> job, List<Pod> pods, Optional<TrainingProgress> progress,
            Optional<TrainerResult> result, Optional<String> modelVersion, Optional<String> registrationError) {
        this(job, pods, progress, result, modelVersion, registrationError, Optional.empty());
    }

    /** Nothing created yet. */
    public static TrainingObservation nothing() {
        return new TrainingObservation(Optional.empty(), List.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /** Nothing runs, for a reason a person must act on. */
    public static TrainingObservation blocked(String reason, String message, boolean terminal) {
        return blocked(reason, message, terminal, Optional.empty());
    }

    /** Nothing runs; {@code modelVersion} is what the run registered before, if anything. */
    public static TrainingObservation blocked(String reason, String message, boolean terminal,
            Optional<String> modelVersion) {
        return new TrainingObservation(Optional.empty(), List.of(), Optional.empty(), Optional.empty(),
                modelVersion, Optional.empty(), Optional.of(new Blocked(reason, message, terminal)));
    }
}
