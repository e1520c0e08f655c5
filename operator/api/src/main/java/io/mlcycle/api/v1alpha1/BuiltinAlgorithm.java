package io.mlcycle.api.v1alpha1;

/** Algorithms of the built-in trainer. */
public enum BuiltinAlgorithm {
    xgboost,
    mlp,
    linear
}
