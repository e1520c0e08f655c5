package io.mlcycle.api.v1alpha1;

/** Kind of values a feature takes. */
public enum FeatureType {
    numeric,
    categorical
}
