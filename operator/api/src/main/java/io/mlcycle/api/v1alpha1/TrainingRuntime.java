package io.mlcycle.api.v1alpha1;

/** The workload API that runs a TrainingJob's workers. */
public enum TrainingRuntime {
    Job,
    TrainJob,
    JobSet,
    RayJob
}
