package io.mlcycle.api.v1alpha1;

/** Life-cycle phase of an InferenceService, for humans; conditions carry the details. */
public enum InferenceServicePhase {
    Pending,
    Progressing,
    Ready,
    Degraded,
    Failed
}
