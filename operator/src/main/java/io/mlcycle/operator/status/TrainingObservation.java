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
        Optional<String> runtimeMissing) {

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

    /** The runtime's API is missing from the cluster. */
    public static TrainingObservation runtimeMissing(String why) {
        return new TrainingObservation(Optional.empty(), List.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(why));
    }
}
