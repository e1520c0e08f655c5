package io.mlcycle.operator.config;

import io.mlcycle.api.v1alpha1.Approval;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code mlcycle.operator.*} (env {@code MLCYCLE_OPERATOR_*}): what a platform team sets through the Helm chart. */
@ConfigMapping(prefix = "mlcycle.operator")
public interface OperatorConfig {

    /** Image of the built-in trainer. */
    @WithDefault("mlcycle.local/trainer:0.1.0-SNAPSHOT")
    String trainerImage();

    /** Image of the inference runtime, whose validate mode checks every new ModelVersion. */
    @WithDefault("mlcycle.local/inference-runtime:0.1.0-SNAPSHOT")
    String runtimeImage();

    /** Image of the router: the traffic layer in front of an InferenceService's revisions (provider router). */
    @WithDefault("mlcycle.local/router:0.1.0-SNAPSHOT")
    String routerImage();

    /** DNS suffix of the cluster's Services, for status.url and status.grpcUrl. */
    @WithDefault("cluster.local")
    String clusterDomain();

    /**
     * How long a replaced revision keeps running after traffic left it, so requests it already accepted finish; then
     * it is removed.
     */
    @WithDefault("10s")
    Duration drainDelay();

    /** Pull policy of the images the operator starts. */
    @WithDefault("IfNotPresent")
    String imagePullPolicy();

    /** Secrets, in each resource's namespace, for pulling the images of every pod the operator starts; none by default. */
    Optional<List<String>> imagePullSecrets();

    /** CPU of a serving pod whose InferenceService's spec.resources sets none (requests equal limits). */
    @WithDefault("500m")
    String servingCpu();

    /** Memory of a serving pod whose InferenceService's spec.resources sets none. */
    @WithDefault("1Gi")
    String servingMemory();

    /** CPU the router requests (no limit: it relays every request of the revisions behind it). */
    @WithDefault("200m")
    String routerCpu();

    /** Memory the router requests, also its limit. */
    @WithDefault("256Mi")
    String routerMemory();

    /** Secret in the resource's namespace whose keys (AWS_ACCESS_KEY_ID, …) trainer and validation pods get as env; optional. */
    @WithDefault("mlcycle-s3")
    String s3Secret();

    /** spec.approval of the ModelVersions a TrainingJob registers. */
    @WithDefault("Pending")
    Approval defaultApproval();

    /** How often a running TrainingJob's progress is read from its pod's log. */
    @WithDefault("10s")
    Duration progressInterval();

    /** Namespace of the leader-election Lease; unset: the operator's own namespace. */
    Optional<String> leaseNamespace();

    /** The plain value the pure code takes. */
    default OperatorSettings settings() {
        return new OperatorSettings(trainerImage(), runtimeImage(), routerImage(), imagePullPolicy(),
                imagePullSecrets().orElse(List.of()), s3Secret(), defaultApproval(), clusterDomain(),
                WorkloadResources.of(servingCpu(), servingMemory()), WorkloadResources.of(routerCpu(), routerMemory()));
    }
}
