package io.mlcycle.api.v1alpha1;

/** What the built-in trainer learns to predict. */
public enum TrainingTask {
    classification,
    regression
}
