package io.mlcycle.api.v1alpha1;

/** How a rollout ended. */
public enum RolloutOutcome {
    Promoted,
    RolledBack
}
