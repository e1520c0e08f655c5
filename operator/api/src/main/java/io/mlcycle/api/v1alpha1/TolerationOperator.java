package io.mlcycle.api.v1alpha1;

/** How a toleration matches a taint's value. */
public enum TolerationOperator {
    Equal,
    Exists
}
