package io.mlcycle.api.v1alpha1;

/** How a rollout ended: promoted, rolled back, or replaced by a newer version before it finished. */
public enum RolloutOutcome {
    Promoted,
    RolledBack,
    Superseded
}
