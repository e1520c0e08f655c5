package io.mlcycle.api.v1alpha1;

/** Effects of a node taint. */
public enum TaintEffect {
    NoSchedule,
    PreferNoSchedule,
    NoExecute
}
