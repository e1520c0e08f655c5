package io.mlcycle.operator.desired;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.mlcycle.api.v1alpha1.GatewayRef;
import io.mlcycle.api.v1alpha1.InferenceService;

/**
 * The traffic layer of provider {@code gatewayApi}: one HTTPRoute (gateway.networking.k8s.io/v1) on the Gateway named
 * in spec, whose weighted backendRefs are the revisions' Services and whose RequestMirror filter copies a share of
 * requests. With a hostname it takes every path of that host; without one it takes only
 * {@code /v2/models/<inferenceservice>} (path-element prefix), so several InferenceServices share one Gateway.
 */
public final class GatewayRoute {

    public static final String GROUP = "gateway.networking.k8s.io";
    public static final String VERSION = "v1";
    public static final String API_VERSION = GROUP + "/" + VERSION;

    private GatewayRoute() {
    }

    /** The Gateway's namespace: the one named, else the InferenceService's. */
    public static String gatewayNamespace(InferenceService service) {
        GatewayRef gateway = service.getSpec().getTraffic().getGateway();
        return gateway.getNamespace() != null ? gateway.getNamespace() : service.getMetadata().getNamespace();
    }

    public static String pathPrefix(InferenceService service) {
        return service.getSpec().getTraffic().getGateway().getHostname() != null ? "/"
                : "/v2/models/" + service.getMetadata().getName();
    }

    public static GenericKubernetesResource httpRoute(InferenceService service, TrafficTable table) {
        GatewayRef gateway = service.getSpec().getTraffic().getGateway();
        Map<String, Object> parent = new LinkedHashMap<>();
        parent.put("group", GROUP);
        parent.put("kind", "Gateway");
        parent.put("name", gateway.getName());
        parent.put("namespace", gatewayNamespace(service));
        List<Object> backends = new ArrayList<>();
        for (TrafficTable.Route route : table.revisions()) {
            backends.add(backend(route.service(), route.weight()));
        }
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("matches", List.of(Map.of("path", Map.of("type", "PathPrefix", "value", pathPrefix(service)))));
        if (table.mirror() != null && table.mirror().percent() > 0) {
            Map<String, Object> mirror = new LinkedHashMap<>();
            mirror.put("backendRef", Map.of("name", table.mirror().revision(), "port", RevisionWorkload.HTTP_PORT));
            mirror.put("percent", table.mirror().percent());
            rule.put("filters", List.of(Map.of("type", "RequestMirror", "requestMirror", mirror)));
        }
        rule.put("backendRefs", backends);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("parentRefs", List.of(parent));
        if (gateway.getHostname() != null) {
            spec.put("hostnames", List.of(gateway.getHostname()));
        }
        spec.put("rules", List.of(rule));
        return new GenericKubernetesResourceBuilder().withApiVersion(API_VERSION).withKind("HTTPRoute")
                .withNewMetadata().withName(ServingNames.endpoint(service))
                    .withNamespace(service.getMetadata().getNamespace())
                    .withLabels(Labels.of("route", Labels.INFERENCE_SERVICE, service.getMetadata().getName(),
                            Labels.MODEL, service.getSpec().getModel().getName()))
                    .withOwnerReferences(RevisionWorkload.owner(service)).endMetadata()
                .withAdditionalProperties(Map.of("spec", spec)).build();
    }

    private static Map<String, Object> backend(String serviceName, int weight) {
        Map<String, Object> backend = new LinkedHashMap<>();
        backend.put("group", "");
        backend.put("kind", "Service");
        backend.put("name", serviceName);
        backend.put("port", RevisionWorkload.HTTP_PORT);
        backend.put("weight", weight);
        return backend;
    }
}
