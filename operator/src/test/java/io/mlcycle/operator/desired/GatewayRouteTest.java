package io.mlcycle.operator.desired;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.mlcycle.operator.Fixtures;

class GatewayRouteTest {

    private static final TrafficTable SPLIT = new TrafficTable(List.of(new TrafficTable.Route("churn-v1", "churn-v1", 80),
            new TrafficTable.Route("churn-v2", "churn-v2", 20)), null);

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource route) {
        return (Map<String, Object>) route.getAdditionalProperties().get("spec");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> rule(GenericKubernetesResource route) {
        return ((List<Map<String, Object>>) spec(route).get("rules")).get(0);
    }

    @Test
    void weightedBackendRefsOnTheNamedGatewayForThisServicesModelPathOnly() {
        GenericKubernetesResource route = GatewayRoute.httpRoute(Fixtures.inferenceService("""
                model: {name: churn, track: latest}
                traffic: {provider: gatewayApi, gateway: {name: public, namespace: edge}}
                """), SPLIT);

        assertThat(route.getApiVersion()).isEqualTo("gateway.networking.k8s.io/v1");
        assertThat(route.getKind()).isEqualTo("HTTPRoute");
        assertThat(route.getMetadata().getName()).isEqualTo("churn");
        assertThat(route.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getUid()).isEqualTo("isvc-uid"));
        assertThat(spec(route).get("parentRefs")).isEqualTo(List.of(Map.of("group", "gateway.networking.k8s.io",
                "kind", "Gateway", "name", "public", "namespace", "edge")));
        assertThat(spec(route)).doesNotContainKey("hostnames");
        assertThat(rule(route).get("matches")).isEqualTo(List.of(Map.of("path",
                Map.of("type", "PathPrefix", "value", "/v2/models/churn"))));
        assertThat(rule(route).get("backendRefs")).isEqualTo(List.of(
                Map.of("group", "", "kind", "Service", "name", "churn-v1", "port", 8080, "weight", 80),
                Map.of("group", "", "kind", "Service", "name", "churn-v2", "port", 8080, "weight", 20)));
        assertThat(rule(route)).doesNotContainKey("filters");
    }

    @Test
    void aHostnameTakesAllOfOipsRestPathsOfItAndAMirrorBecomesARequestMirrorFilter() {
        GenericKubernetesResource route = GatewayRoute.httpRoute(Fixtures.inferenceService("""
                model: {name: churn, track: latest}
                traffic: {provider: gatewayApi, gateway: {name: public, hostname: churn.example.com}}
                """), new TrafficTable(SPLIT.revisions(), new TrafficTable.Mirror("churn-v2", 10)));

        assertThat(spec(route).get("hostnames")).isEqualTo(List.of("churn.example.com"));
        assertThat(((Map<?, ?>) ((List<?>) spec(route).get("parentRefs")).get(0)).get("namespace")).isEqualTo("ml");
        assertThat(rule(route).get("matches")).isEqualTo(List.of(Map.of("path",
                Map.of("type", "PathPrefix", "value", "/v2"))));
        assertThat(rule(route).get("filters")).isEqualTo(List.of(Map.of("type", "RequestMirror", "requestMirror",
                Map.of("backendRef", Map.of("name", "churn-v2", "port", 8080), "percent", 10))));
    }

    @Test
    void aHostnameAlsoGetsAGrpcRouteOnTheSameWeightsWithoutAMirror() {
        GenericKubernetesResource route = GatewayRoute.grpcRoute(Fixtures.inferenceService("""
                model: {name: churn, track: latest}
                traffic: {provider: gatewayApi, gateway: {name: public, hostname: churn.example.com}}
                """), new TrafficTable(SPLIT.revisions(), new TrafficTable.Mirror("churn-v2", 10))).orElseThrow();

        assertThat(route.getKind()).isEqualTo("GRPCRoute");
        assertThat(route.getMetadata().getName()).isEqualTo("churn");
        assertThat(spec(route).get("hostnames")).isEqualTo(List.of("churn.example.com"));
        assertThat(rule(route).get("matches")).isEqualTo(List.of(Map.of("method",
                Map.of("type", "Exact", "service", "inference.GRPCInferenceService"))));
        assertThat(rule(route).get("backendRefs")).isEqualTo(List.of(
                Map.of("group", "", "kind", "Service", "name", "churn-v1", "port", 8081, "weight", 80),
                Map.of("group", "", "kind", "Service", "name", "churn-v2", "port", 8081, "weight", 20)));
        assertThat(rule(route)).doesNotContainKey("filters");
    }

    @Test
    void withoutAHostnameThereIsNoGrpcRoute() {
        assertThat(GatewayRoute.grpcRoute(Fixtures.inferenceService("""
                model: {name: churn, track: latest}
                traffic: {provider: gatewayApi, gateway: {name: public}}
                """), SPLIT)).isEmpty();
    }
}
