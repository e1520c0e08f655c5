package io.mlcycle.api.v1alpha1;

/** Tracks an InferenceService can follow instead of a pinned version. */
public enum ModelTrack {
    latest
}
