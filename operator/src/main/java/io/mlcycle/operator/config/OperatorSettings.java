package io.mlcycle.operator.config;

import io.mlcycle.api.v1alpha1.Approval;
import java.util.List;

/**
 * The settings the pure {@code desired} code needs, as a plain value (tests build it directly).
 *
 * @param imagePullSecrets Secrets, in each resource's namespace, that every pod the operator starts pulls with
 * @param servingResources a serving pod's CPU and memory where its InferenceService's spec.resources says none
 * @param routerResources the router's requests (its memory is also the limit)
 */
public record OperatorSettings(String trainerImage, String runtimeImage, String routerImage, String imagePullPolicy,
        List<String> imagePullSecrets, String s3Secret, Approval defaultApproval, String clusterDomain,
        WorkloadResources servingResources, WorkloadResources routerResources) {

    public OperatorSettings {
        imagePullSecrets = List.copyOf(imagePullSecrets);
    }

    /** The defaults of {@link OperatorConfig}, for tests. */
    public static OperatorSettings defaults() {
        return new OperatorSettings("mlcycle.local/trainer:0.1.0-SNAPSHOT",
                "mlcycle.local/inference-runtime:0.1.0-SNAPSHOT", "mlcycle.local/router:0.1.0-SNAPSHOT", "IfNotPresent",
                List.of(), "mlcycle-s3", Approval.Pending, "cluster.local", WorkloadResources.of("500m", "1Gi"),
                WorkloadResources.of("200m", "256Mi"));
    }

    /** The same settings with another approval for registered versions. */
    public OperatorSettings withDefaultApproval(Approval approval) {
        return new OperatorSettings(trainerImage, runtimeImage, routerImage, imagePullPolicy, imagePullSecrets,
                s3Secret, approval, clusterDomain, servingResources, routerResources);
    }

    /** The same settings with other pull secrets. */
    public OperatorSettings withImagePullSecrets(List<String> secrets) {
        return new OperatorSettings(trainerImage, runtimeImage, routerImage, imagePullPolicy, secrets, s3Secret,
                defaultApproval, clusterDomain, servingResources, routerResources);
    }

    /** The same settings with other serving and router resources. */
    public OperatorSettings withResources(WorkloadResources serving, WorkloadResources router) {
        return new OperatorSettings(trainerImage, runtimeImage, routerImage, imagePullPolicy, imagePullSecrets,
                s3Secret, defaultApproval, clusterDomain, serving, router);
    }
}
