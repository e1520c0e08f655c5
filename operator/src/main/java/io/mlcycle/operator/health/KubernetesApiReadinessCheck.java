package io.mlcycle.operator.health;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the Kubernetes API server answers with the credentials the operator runs with. */
@Readiness
@ApplicationScoped
public class KubernetesApiReadinessCheck implements HealthCheck {

    static final String NAME = "kubernetes-api";

    private final KubernetesClient client;

    public KubernetesApiReadinessCheck(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named(NAME).withData("server", client.getMasterUrl().toString());
        try {
            VersionInfo version = client.getKubernetesVersion();
            return response.up().withData("version", version.getGitVersion()).build();
        } catch (RuntimeException e) {
            return response.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
