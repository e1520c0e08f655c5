package io.mlcycle.api.v1alpha1;

/** The verdict of one canary analysis. */
public enum AnalysisOutcome {
    Passed,
    Failed,
    Inconclusive
}
