package io.mlcycle.api.v1alpha1;

/** Drift tests for categorical features. */
public enum CategoricalDriftMethod {
    auto,
    chiSquare,
    jensenShannon
}
