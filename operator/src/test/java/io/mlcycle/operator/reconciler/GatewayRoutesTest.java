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
                """), Optional.of(GATEWAY))).isEqualTo("http://churn.example.com");
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
}
