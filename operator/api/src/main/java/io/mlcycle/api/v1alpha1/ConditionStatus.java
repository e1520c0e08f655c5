package io.mlcycle.api.v1alpha1;

/** The three values of a condition's status. */
public enum ConditionStatus {
    True,
    False,
    Unknown
}
