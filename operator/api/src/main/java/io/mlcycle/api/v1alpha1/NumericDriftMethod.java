package io.mlcycle.api.v1alpha1;

/** Drift tests for numeric features. */
public enum NumericDriftMethod {
    auto,
    psi,
    ks,
    wasserstein,
    jensenShannon
}
