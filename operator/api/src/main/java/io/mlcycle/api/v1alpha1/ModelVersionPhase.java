package io.mlcycle.api.v1alpha1;

/** Life-cycle phase of a ModelVersion, for humans; conditions carry the details. */
public enum ModelVersionPhase {
    Pending,
    Validating,
    Ready,
    Failed
}
