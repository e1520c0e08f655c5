package io.mlcycle.operator.status;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/**
 * Whether the traffic layer in front of the revisions passes requests: the router Deployment Ready, or the HTTPRoute
 * (and GRPCRoute) accepted by its Gateway (its {@code status.parents} conditions, in the implementation's own words when it refuses).
 */
public record TrafficState(boolean ready, boolean stalled, String reason, String message) {

    public static TrafficState router(boolean ready) {
        return ready ? new TrafficState(true, false, "Routed", "the router is Ready")
                : new TrafficState(false, false, "RouterStarting", "the router in front of it is starting");
    }

    /** The route's verdict from the Gateway {@code gateway} in {@code namespace}; waiting while it has none. */
    public static TrafficState route(GenericKubernetesResource route, String gateway, String namespace) {
        List<Map<String, Object>> conditions = parentConditions(route, gateway, namespace);
        Optional<Map<String, Object>> accepted = condition(conditions, "Accepted");
        if (accepted.isEmpty()) {
            return new TrafficState(false, false, "RouteNotAccepted", "waiting for Gateway " + namespace + "/" + gateway
                    + " to accept " + route.getKind() + " " + route.getMetadata().getName() + " (no status from it yet)");
        }
        if (!"True".equals(accepted.get().get("status"))) {
            return new TrafficState(false, true, "RouteNotAccepted", "Gateway " + namespace + "/" + gateway
                    + " refused " + route.getKind() + " " + route.getMetadata().getName() + ": " + accepted.get().get("reason") + ": "
                    + accepted.get().get("message"));
        }
        Optional<Map<String, Object>> resolved = condition(conditions, "ResolvedRefs");
        if (resolved.isPresent() && !"True".equals(resolved.get().get("status"))) {
            return new TrafficState(false, false, "RouteRefsUnresolved", route.getKind() + " " + route.getMetadata().getName()
                    + ": " + resolved.get().get("reason") + ": " + resolved.get().get("message"));
        }
        return new TrafficState(true, false, "Routed", route.getKind() + " " + route.getMetadata().getName()
                + " accepted by Gateway " + namespace + "/" + gateway);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> parentConditions(GenericKubernetesResource route, String gateway,
            String namespace) {
        Object status = route.getAdditionalProperties().get("status");
        if (!(status instanceof Map<?, ?> s) || !(s.get("parents") instanceof List<?> parents)) {
            return List.of();
        }
        for (Object entry : parents) {
            if (entry instanceof Map<?, ?> parent && parent.get("parentRef") instanceof Map<?, ?> ref
                    && gateway.equals(ref.get("name"))
                    && (ref.get("namespace") == null || Objects.equals(namespace, ref.get("namespace")))
                    && parent.get("conditions") instanceof List<?> conditions) {
                return (List<Map<String, Object>>) conditions;
            }
        }
        return List.of();
    }

    private static Optional<Map<String, Object>> condition(List<Map<String, Object>> conditions, String type) {
        return conditions.stream().filter(c -> type.equals(c.get("type"))).findFirst();
    }
}
