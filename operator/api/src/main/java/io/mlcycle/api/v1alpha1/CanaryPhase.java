package io.mlcycle.api.v1alpha1;

/** Where a canary stands in its rollout. */
public enum CanaryPhase {
    Starting,
    Mirroring,
    Progressing,
    Paused,
    Promoting
}
