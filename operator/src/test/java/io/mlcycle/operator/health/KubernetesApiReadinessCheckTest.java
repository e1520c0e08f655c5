package io.mlcycle.operator.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubeapitest.junit.EnableKubeAPIServer;
import io.fabric8.kubeapitest.junit.KubeConfig;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/** The readiness check against a real API server (kube-api-test, binaries built from source by the harness). */
@EnableKubeAPIServer
class KubernetesApiReadinessCheckTest {

    @KubeConfig
    static String kubeConfigYaml;

    @Test
    void upWithTheServerVersionWhenTheApiServerAnswers() {
        try (KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(kubeConfigYaml)).build()) {
            HealthCheckResponse response = new KubernetesApiReadinessCheck(client).call();

            assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
            assertThat(response.getData().orElseThrow().get("version").toString()).startsWith("v1.34.");
        }
    }

    @Test
    void downWithTheErrorWhenNothingAnswers() {
        // Config.empty(): nothing from $KUBECONFIG or ~/.kube/config leaks into this client.
        Config unreachable = new ConfigBuilder(Config.empty()).withMasterUrl("https://127.0.0.1:1")
                .withRequestTimeout(2000).withConnectionTimeout(2000).withRequestRetryBackoffLimit(0).build();
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(unreachable).build()) {
            HealthCheckResponse response = new KubernetesApiReadinessCheck(client).call();

            assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
            assertThat(response.getData().orElseThrow()).containsKey("error");
        }
    }
}
