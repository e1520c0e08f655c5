package io.mlcycle.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;

class TrafficStateTest {

    private static GenericKubernetesResource route(String parents) {
        return Serialization.unmarshal("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: churn, namespace: ml}
                status:
                  parents:
                """ + parents, GenericKubernetesResource.class);
    }

    @Test
    void anAcceptedRouteWithResolvedRefsPassesTraffic() {
        TrafficState state = TrafficState.route(route("""
                    - parentRef: {name: public, namespace: edge}
                      controllerName: traefik.io/gateway-controller
                      conditions:
                        - {type: Accepted, status: "True", reason: Accepted, message: ""}
                        - {type: ResolvedRefs, status: "True", reason: ResolvedRefs, message: ""}
                """), "public", "edge");

        assertThat(state.ready()).isTrue();
    }

    @Test
    void aRefusalIsStalledInTheGatewaysWords() {
        TrafficState state = TrafficState.route(route("""
                    - parentRef: {name: public, namespace: edge}
                      conditions:
                        - {type: Accepted, status: "False", reason: NotAllowedByListeners, message: "no listener allows ml"}
                """), "public", "edge");

        assertThat(state.ready()).isFalse();
        assertThat(state.stalled()).isTrue();
        assertThat(state.reason()).isEqualTo("RouteNotAccepted");
        assertThat(state.message()).contains("NotAllowedByListeners").contains("no listener allows ml");
    }

    @Test
    void noWordFromTheGatewayYetIsWaitingAndAnUnresolvedBackendIsNamed() {
        assertThat(TrafficState.route(route("    []\n"), "public", "edge").stalled()).isFalse();
        TrafficState unresolved = TrafficState.route(route("""
                    - parentRef: {name: public, namespace: edge}
                      conditions:
                        - {type: Accepted, status: "True", reason: Accepted}
                        - {type: ResolvedRefs, status: "False", reason: BackendNotFound, message: "service churn-v2 not found"}
                """), "public", "edge");
        assertThat(unresolved.ready()).isFalse();
        assertThat(unresolved.reason()).isEqualTo("RouteRefsUnresolved");
        assertThat(unresolved.message()).contains("BackendNotFound");
    }
}
