package io.mlcycle.operator.config;

import io.mlcycle.api.v1alpha1.Approval;

/** The settings the pure {@code desired} code needs, as a plain value (tests build it directly). */
public record OperatorSettings(String trainerImage, String runtimeImage, String routerImage, String imagePullPolicy,
        String s3Secret, Approval defaultApproval, String clusterDomain) {

    /** The defaults of {@link OperatorConfig}, for tests. */
    public static OperatorSettings defaults() {
        return new OperatorSettings("mlcycle.local/trainer:0.1.0-SNAPSHOT",
                "mlcycle.local/inference-runtime:0.1.0-SNAPSHOT", "mlcycle.local/router:0.1.0-SNAPSHOT", "IfNotPresent",
                "mlcycle-s3", Approval.Pending, "cluster.local");
    }
}
