package io.mlcycle.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.mlcycle.operator.config.OperatorConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * One active operator when several run (the chart's replicas): they compete for one Lease, the others wait and take
 * over when the leader stops renewing it. The Operator SDK activates it in the prod profile.
 */
public class LeaderElection {

    public static final String LEASE = "mlcycle-operator-leader";

    /**
     * The Lease lives in {@code mlcycle.operator.lease-namespace} (the chart sets the release namespace), else the
     * client's namespace (in a pod: its own), else {@code default} (a kubeconfig without a namespace).
     */
    @Produces
    @Singleton
    LeaderElectionConfiguration leaderElection(OperatorConfig config, KubernetesClient client) {
        String namespace = config.leaseNamespace().filter(n -> !n.isBlank())
                .orElse(client.getNamespace() == null ? "default" : client.getNamespace());
        return new LeaderElectionConfiguration(LEASE, namespace);
    }
}
