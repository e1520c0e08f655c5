package io.mlcycle.api.v1alpha1;

/** Life-cycle phase of a TrainingJob, for humans; conditions carry the details. */
public enum TrainingJobPhase {
    Pending,
    Running,
    Succeeded,
    Failed,
    Suspended
}
