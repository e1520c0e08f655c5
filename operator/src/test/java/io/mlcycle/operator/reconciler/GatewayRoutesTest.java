package io.mlcycle.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.mlcycle.operator.Fixtures;

class GatewayRoutesTest {

    private static final GenericKubernetesResource GATEWAY = Serialization.unmarshal("""
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: public, namespace: edge}
            spec:
              gatewayClassName: traefik
              listeners: [{name: web, protocol: HTTP, port: 8000}]
            status:
              addresses: [{type: IPAddress, value: 10.96.0.50}]
            """, GenericKubernetesResource.class);

    @Test
    void theUrlIsTheHostnameOrElseTheGatewaysAddressAndListenerPort() {
        assertThat(GatewayRoutes.url(Fixtures.inferenceService("""
                model: {name: churn, track: latest}
                traffic: {provider: gatewayApi, gateway: {name: public, namespace: edge}}
                """), Optional.of(GATEWAY))).isEqualTo("http://10.96.0.50:8000");
        assertThat(GatewayRoutes.url(Fixtures.inferenceService("""
                model: {name: churn, track: latest}
                traffic: {provider: gatewayApi, gateway: {name: public, hostname: churn.example.com}}
                """), Optional.of(GATEWAY))).isEqualTo("http://churn.example.com:8000");
    }

    @Test
    void grpcGoesToTheHostnameOnTheListenerPortAndHasNoAddressWithoutAHostname() {
        assertThat(GatewayRoutes.grpcUrl(Fixtures.inferenceService("""
                model: {name: churn, track: latest}
                traffic: {provider: gatewayApi, gateway: {name: public, hostname: churn.example.com}}
                """), Optional.of(GATEWAY))).isEqualTo("churn.example.com:8000");
        assertThat(GatewayRoutes.grpcUrl(Fixtures.inferenceService("""
                model: {name: churn, track: latest}
                traffic: {provider: gatewayApi, gateway: {name: public, namespace: edge}}
                """), Optional.of(GATEWAY))).isNull();
    }

    @Test
    void theGrpcRoutesVerdictCountsOnlyOnceTheHttpRouteIsAccepted() {
        var service = Fixtures.inferenceService("""
                model: {name: churn, track: latest}
                traffic: {provider: gatewayApi, gateway: {name: public, namespace: edge, hostname: churn.example.com}}
                """);
        GenericKubernetesResource refused = Serialization.unmarshal("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: GRPCRoute
                metadata: {name: churn, namespace: ml}
                status:
                  parents:
                    - parentRef: {name: public, namespace: edge}
                      conditions: [{type: Accepted, status: "False", reason: NotAllowedByListeners, message: no}]
                """, GenericKubernetesResource.class);

        assertThat(GatewayRoutes.state(service, Optional.of(GATEWAY), Optional.of(refused), "GRPCRoute"))
                .satisfies(state -> {
                    assertThat(state.ready()).isFalse();
                    assertThat(state.stalled()).isTrue();
                    assertThat(state.message()).contains("refused GRPCRoute churn: NotAllowedByListeners");
                });
        assertThat(GatewayRoutes.state(service, Optional.of(GATEWAY), Optional.empty(), "GRPCRoute").message())
                .isEqualTo("creating GRPCRoute churn");
    }

    @Test
    void aGatewayWithoutAnAddressGivesNoUrlYet() {
        GenericKubernetesResource pending = Serialization.clone(GATEWAY);
        pending.getAdditionalProperties().remove("status");

        assertThat(GatewayRoutes.url(Fixtures.inferenceService("""
                model: {name: churn, track: latest}
                traffic: {provider: gatewayApi, gateway: {name: public, namespace: edge}}
                """), Optional.of(pending))).isNull();
    }

    @Test
    void onlyAGatewayClassThatListsRequestMirrorIsSentCopies() {
        GenericKubernetesResource traefik = Serialization.unmarshal("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: GatewayClass
                metadata: {name: traefik}
                status:
                  supportedFeatures: [{name: HTTPRouteHostRewrite}, {name: HTTPRouteQueryParamMatching}]
                """, GenericKubernetesResource.class);
        GenericKubernetesResource envoy = Serialization.unmarshal("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: GatewayClass
                metadata: {name: eg}
                status:
                  supportedFeatures: [{name: HTTPRouteRequestMirror}]
                """, GenericKubernetesResource.class);
        GenericKubernetesResource older = Serialization.unmarshal("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: GatewayClass
                metadata: {name: old}
                status:
                  supportedFeatures: [HTTPRouteRequestMirror]
                """, GenericKubernetesResource.class);

        assertThat(GatewayRoutes.mirrorUnavailable("traefik", Optional.of(traefik))).hasValue("GatewayClass traefik "
                + "does not list HTTPRouteRequestMirror in status.supportedFeatures, so nothing says it can copy "
                + "requests (rollout.mirror)");
        assertThat(GatewayRoutes.mirrorUnavailable("eg", Optional.of(envoy))).isEmpty();
        assertThat(GatewayRoutes.mirrorUnavailable("old", Optional.of(older))).isEmpty();
        assertThat(GatewayRoutes.mirrorUnavailable("gone", Optional.empty())).hasValueSatisfying(why ->
                assertThat(why).startsWith("GatewayClass gone does not exist"));
    }
}
