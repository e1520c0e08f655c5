package io.mlcycle.operator.reconciler;

/** A run's Job or JobSet vanished before its verdict was recorded; the run is not started again. */
final class WorkloadGone extends RuntimeException {

    WorkloadGone(String workload) {
        super(workload + " was deleted before its result was recorded (ttlSecondsAfterFinished shorter than the "
                + "operator needed, or deleted by hand); the run is not started again: apply a new TrainingJob");
    }
}
