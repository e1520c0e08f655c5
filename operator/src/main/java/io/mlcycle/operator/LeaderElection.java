package io.mlcycle.operator;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import jakarta.inject.Singleton;

/**
 * One active operator when several run (the chart's replicas): they compete for this Lease in their own namespace;
 * the others wait and take over when the leader stops renewing it. The Operator SDK activates it in the prod profile.
 */
@Singleton
public class LeaderElection extends LeaderElectionConfiguration {

    public static final String LEASE = "mlcycle-operator-leader";

    public LeaderElection() {
        super(LEASE);
    }
}
