package io.mlcycle.api.v1alpha1;

/** Why a canary is paused: a person paused it, it waits at the last step for promotion, or an analysis failed. */
public enum PauseReason {
    Manual,
    AwaitingPromotion,
    AnalysisFailed
}
