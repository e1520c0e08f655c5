package io.mlcycle.operator.desired;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.mlcycle.api.v1alpha1.GatewayRef;
import io.mlcycle.api.v1alpha1.InferenceService;

/**
 * The traffic layer of provider {@code gatewayApi}: one HTTPRoute (gateway.networking.k8s.io/v1) on the Gateway named
 * in spec, whose weighted backendRefs are the revisions' Services and whose RequestMirror filter copies a share of
 * requests. With a hostname it takes all of OIP's REST paths ({@code /v2}) of that host; without one it takes only
 * {@code /v2/models/<inferenceservice>} (path-element prefix), so several InferenceServices share one Gateway.
 * With a hostname there is also a GRPCRoute for {@code inference.GRPCInferenceService} on the same weights: a gRPC
 * call names its model in the message, not in the path, so only the host name can tell two InferenceServices apart.
 */
public final class GatewayRoute {

    public static final String GROUP = "gateway.networking.k8s.io";
    public static final String VERSION = "v1";
    public static final String API_VERSION = GROUP + "/" + VERSION;
    /** The OIP's gRPC service, the one method-match of the GRPCRoute. */
    public static final String GRPC_SERVICE = "inference.GRPCInferenceService";

    private GatewayRoute() {
    }

    /** The Gateway's namespace: the one named, else the InferenceService's. */
    public static String gatewayNamespace(InferenceService service) {
        GatewayRef gateway = service.getSpec().getTraffic().getGateway();
        return gateway.getNamespace() != null ? gateway.getNamespace() : service.getMetadata().getNamespace();
    }

    /**
     * The HTTPRoute's path: all of OIP's REST ({@code /v2}) on a host of its own; else this model's part of it. Never
     * {@code /}: gRPC's paths ({@code /inference.GRPCInferenceService/...}) are the GRPCRoute's alone.
     */
    public static String pathPrefix(InferenceService service) {
        return service.getSpec().getTraffic().getGateway().getHostname() != null ? "/v2"
                : "/v2/models/" + service.getMetadata().getName();
    }

    public static GenericKubernetesResource httpRoute(InferenceService service, TrafficTable table) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("matches", List.of(Map.of("path", Map.of("type", "PathPrefix", "value", pathPrefix(service)))));
        if (table.mirror() != null && table.mirror().percent() > 0) {
            Map<String, Object> mirror = new LinkedHashMap<>();
            mirror.put("backendRef", Map.of("name", table.mirror().revision(), "port", RevisionWorkload.HTTP_PORT));
            mirror.put("percent", table.mirror().percent());
            rule.put("filters", List.of(Map.of("type", "RequestMirror", "requestMirror", mirror)));
        }
        rule.put("backendRefs", backends(table, RevisionWorkload.HTTP_PORT));
        return route(service, "HTTPRoute", rule);
    }

    /**
     * The GRPCRoute of a service whose gateway names a hostname; none without one. It does not mirror: a mirrored gRPC
     * copy is the router's (Traefik, the local cluster's Gateway, has no RequestMirror at all).
     */
    public static Optional<GenericKubernetesResource> grpcRoute(InferenceService service, TrafficTable table) {
        if (service.getSpec().getTraffic().getGateway().getHostname() == null) {
            return Optional.empty();
        }
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("matches", List.of(Map.of("method", Map.of("type", "Exact", "service", GRPC_SERVICE))));
        rule.put("backendRefs", backends(table, RevisionWorkload.GRPC_PORT));
        return Optional.of(route(service, "GRPCRoute", rule));
    }

    private static GenericKubernetesResource route(InferenceService service, String kind, Map<String, Object> rule) {
        GatewayRef gateway = service.getSpec().getTraffic().getGateway();
        Map<String, Object> parent = new LinkedHashMap<>();
        parent.put("group", GROUP);
        parent.put("kind", "Gateway");
        parent.put("name", gateway.getName());
        parent.put("namespace", gatewayNamespace(service));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("parentRefs", List.of(parent));
        if (gateway.getHostname() != null) {
            spec.put("hostnames", List.of(gateway.getHostname()));
        }
        spec.put("rules", List.of(rule));
        return new GenericKubernetesResourceBuilder().withApiVersion(API_VERSION).withKind(kind)
                .withNewMetadata().withName(ServingNames.endpoint(service))
                    .withNamespace(service.getMetadata().getNamespace())
                    .withLabels(Labels.of("route", Labels.INFERENCE_SERVICE, service.getMetadata().getName(),
                            Labels.MODEL, service.getSpec().getModel().getName()))
                    .withOwnerReferences(RevisionWorkload.owner(service)).endMetadata()
                .withAdditionalProperties(Map.of("spec", spec)).build();
    }

    private static List<Object> backends(TrafficTable table, int port) {
        List<Object> backends = new ArrayList<>();
        for (TrafficTable.Route route : table.revisions()) {
            Map<String, Object> backend = new LinkedHashMap<>();
            backend.put("group", "");
            backend.put("kind", "Service");
            backend.put("name", route.service());
            backend.put("port", port);
            backend.put("weight", route.weight());
            backends.add(backend);
        }
        return backends;
    }
}
