package io.mlcycle.api.v1alpha1;

/**
 * Why a canary is paused: a person paused it, it waits at the last step for promotion, an analysis failed, or the
 * traffic layer cannot mirror as {@code rollout.mirror} asks.
 */
public enum PauseReason {
    Manual,
    AwaitingPromotion,
    AnalysisFailed,
    MirrorUnavailable
}
