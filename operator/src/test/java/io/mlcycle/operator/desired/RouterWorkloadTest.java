package io.mlcycle.operator.desired;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.mlcycle.operator.Fixtures;
import io.mlcycle.operator.config.OperatorSettings;

class RouterWorkloadTest {

    private final RouterWorkload router = new RouterWorkload(Fixtures.inferenceService(""), OperatorSettings.defaults());

    @Test
    void theRouterMayReadOnlyItsConfigMapAndTheEndpointSlices() {
        Role role = router.role();

        assertThat(role.getRules()).hasSize(2);
        assertThat(role.getRules().get(0).getResources()).containsExactly("configmaps");
        assertThat(role.getRules().get(0).getResourceNames()).containsExactly("churn-traffic");
        assertThat(role.getRules().get(0).getVerbs()).containsExactly("get", "list", "watch");
        assertThat(role.getRules().get(1).getApiGroups()).containsExactly("discovery.k8s.io");
        assertThat(role.getRules().get(1).getVerbs()).containsExactly("list", "watch");
        assertThat(router.roleBinding().getSubjects()).singleElement()
                .satisfies(s -> assertThat(s.getName()).isEqualTo("churn-router"));
    }

    @Test
    void theRouterWatchesItsConfigMapAsItsOwnServiceAccount() {
        PodSpec pod = router.deployment().getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);

        assertThat(pod.getServiceAccountName()).isEqualTo("churn-router");
        assertThat(container.getImage()).isEqualTo("mlcycle.local/router:0.1.0-SNAPSHOT");
        assertThat(container.getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("MLCYCLE_ROUTER_CONFIG_MAP");
            assertThat(e.getValue()).isEqualTo("churn-traffic");
        });
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
    }

    @Test
    void prometheusScrapesTheRoutersMetricsByAnnotation() {
        assertThat(router.deployment().getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("prometheus.io/scrape", "true").containsEntry("prometheus.io/port", "8080")
                .containsEntry("prometheus.io/path", "/q/metrics");
    }

    @Test
    void clientsCallTheEndpointServiceByTheInferenceServicesName() {
        assertThat(router.endpoint().getMetadata().getName()).isEqualTo("churn");
        assertThat(router.endpoint().getSpec().getPorts()).extracting(p -> p.getName() + ":" + p.getPort())
                .containsExactly("http:80", "grpc:8081");
        assertThat(router.url()).isEqualTo("http://churn.ml.svc.cluster.local");
        assertThat(router.grpcUrl()).isEqualTo("churn.ml.svc.cluster.local:8081");
    }

    @Test
    void weightsReachTheRouterAsTheDocumentedJson() throws Exception {
        TrafficTable table = new TrafficTable(List.of(new TrafficTable.Route("churn-v3", "churn-v3", 80),
                new TrafficTable.Route("churn-v4", "churn-v4", 20)), new TrafficTable.Mirror("churn-v4", 10));

        String json = router.traffic(table).getData().get(TrafficTable.KEY);

        assertThat(new ObjectMapper().readTree(json)).isEqualTo(new ObjectMapper().readTree("""
                {"revisions":[{"name":"churn-v3","service":"churn-v3","weight":80},
                              {"name":"churn-v4","service":"churn-v4","weight":20}],
                 "mirror":{"revision":"churn-v4","percent":10}}"""));
    }
}
