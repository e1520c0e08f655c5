package io.mlcycle.api.v1alpha1;

/** Who approves a retrained ModelVersion: a person, or the champion-vs-challenger gate. */
public enum RetrainApprovalPolicy {
    Manual,
    Auto
}
