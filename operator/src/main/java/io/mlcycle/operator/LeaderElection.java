package io.mlcycle.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.mlcycle.operator.config.OperatorConfig;
import io.quarkus.runtime.ApplicationLifecycleManager;
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
        // A leader that loses its Lease must stop acting at once: it halts (all state is in the API server) and its pod
        // restarts as a candidate. An orderly exit would keep reconciling while it drains, beside the new leader. The
        // Operator SDK's own exit calls System.exit from the callback, which on SIGTERM runs inside a shutdown hook and
        // hangs the JVM: losing the Lease because the VM is stopping is no reason to do anything.
        LeaderCallbacks exitWhenLost = new LeaderCallbacks(() -> { }, () -> {
            if (!ApplicationLifecycleManager.isVmShuttingDown()) {
                Runtime.getRuntime().halt(1);
            }
        }, leader -> { });
        return new LeaderElectionConfiguration(LEASE, namespace, LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
                LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
                LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE, null, exitWhenLost, false);
    }
}
