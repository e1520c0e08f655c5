package io.mlcycle.api.v1alpha1;

/** Whether a person has allowed a ModelVersion to serve. */
public enum Approval {
    Approved,
    Pending,
    Rejected
}
