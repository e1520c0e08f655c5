package io.mlcycle.api.v1alpha1;

/** Life-cycle phase of a DriftMonitor, for humans; conditions carry the details. */
public enum DriftMonitorPhase {
    Pending,
    Watching,
    Drifted,
    Retraining
}
