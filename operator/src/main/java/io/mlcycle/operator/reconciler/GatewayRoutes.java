package io.mlcycle.operator.reconciler;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.mlcycle.api.v1alpha1.GatewayRef;
import io.mlcycle.api.v1alpha1.InferenceService;
import io.mlcycle.operator.desired.GatewayRoute;
import io.mlcycle.operator.desired.ServingNames;
import io.mlcycle.operator.desired.TrafficTable;
import io.mlcycle.operator.status.TrafficState;

/**
 * Provider {@code gatewayApi}: the InferenceService's HTTPRoute (and GRPCRoute, with a hostname) and the Gateway it
 * names, read through the API on each
 * reconcile rather than with informers, so that a cluster without the Gateway API CRDs does not keep the operator
 * from starting; a route not yet accepted is looked at again shortly.
 */
final class GatewayRoutes {

    static final String MISSING = "traffic.provider is gatewayApi but this cluster does not serve "
            + GatewayRoute.API_VERSION + " HTTPRoutes: install a Gateway API implementation with its CRDs, "
            + "or use traffic.provider router";
    private static final ResourceDefinitionContext HTTP_ROUTE = context("HTTPRoute", "httproutes");
    private static final ResourceDefinitionContext GRPC_ROUTE = context("GRPCRoute", "grpcroutes");
    private static final ResourceDefinitionContext GATEWAY = context("Gateway", "gateways");
    private static final ResourceDefinitionContext GATEWAY_CLASS = new ResourceDefinitionContext.Builder()
            .withGroup(GatewayRoute.GROUP).withVersion(GatewayRoute.VERSION).withKind("GatewayClass")
            .withPlural("gatewayclasses").withNamespaced(false).build();
    /** Gateway API's conformance name of RequestMirror on HTTPRoutes, as a GatewayClass lists what it supports. */
    static final String MIRROR_FEATURE = "HTTPRouteRequestMirror";

    /** How long an answer of API discovery is trusted: CRDs come and go rarely, reconciles come often. */
    private static final Duration DISCOVERY_TTL = Duration.ofSeconds(30);

    private final KubernetesClient client;
    private volatile boolean served;
    private volatile boolean grpcServed;
    private volatile Instant discovered = Instant.EPOCH;

    GatewayRoutes(KubernetesClient client) {
        this.client = client;
    }

    private static ResourceDefinitionContext context(String kind, String plural) {
        return new ResourceDefinitionContext.Builder().withGroup(GatewayRoute.GROUP).withVersion(GatewayRoute.VERSION)
                .withKind(kind).withPlural(plural).withNamespaced(true).build();
    }

    /** Whether the cluster serves HTTPRoutes (API discovery, asked again after {@link #DISCOVERY_TTL}). */
    boolean served() {
        Instant now = Instant.now();
        if (now.isAfter(discovered.plus(DISCOVERY_TTL))) {
            served = client.supports(GatewayRoute.API_VERSION, "HTTPRoute");
            grpcServed = served && client.supports(GatewayRoute.API_VERSION, "GRPCRoute");
            discovered = now;
        }
        return served;
    }

    /** Whether the cluster serves GRPCRoutes too (standard channel since Gateway API v1.1); asked with {@link #served}. */
    boolean grpcServed() {
        return served() && grpcServed;
    }

    Optional<GenericKubernetesResource> route(InferenceService service) {
        return get(HTTP_ROUTE, service);
    }

    /** The service's GRPCRoute; none looked for where the cluster has no GRPCRoutes. */
    Optional<GenericKubernetesResource> grpcRoute(InferenceService service) {
        return grpcServed() ? get(GRPC_ROUTE, service) : Optional.empty();
    }

    private Optional<GenericKubernetesResource> get(ResourceDefinitionContext kind, InferenceService service) {
        return Optional.ofNullable(client.genericKubernetesResources(kind)
                .inNamespace(service.getMetadata().getNamespace()).withName(ServingNames.endpoint(service)).get());
    }

    /**
     * Applies the service's routes for {@code table}: the HTTPRoute, and the GRPCRoute where it has a hostname and the
     * cluster serves them; a GRPCRoute no longer wanted (the hostname gone) is removed.
     */
    void apply(InferenceService service, TrafficTable table, ChildApplier applier) {
        applier.apply(service, GatewayRoute.httpRoute(service, table), route(service));
        if (!grpcServed()) {
            return;
        }
        Optional<GenericKubernetesResource> live = grpcRoute(service);
        Optional<GenericKubernetesResource> wanted = GatewayRoute.grpcRoute(service, table);
        if (wanted.isPresent()) {
            applier.apply(service, wanted.get(), live);
        } else {
            live.filter(route -> OwnedChildren.ownedBy(service, route)).ifPresent(applier::delete);
        }
    }

    Optional<GenericKubernetesResource> gateway(InferenceService service) {
        GatewayRef ref = service.getSpec().getTraffic().getGateway();
        return Optional.ofNullable(client.genericKubernetesResources(GATEWAY)
                .inNamespace(GatewayRoute.gatewayNamespace(service)).withName(ref.getName()).get());
    }

    /**
     * Why copies of requests cannot go through this Gateway: its GatewayClass does not list {@value #MIRROR_FEATURE}
     * in {@code status.supportedFeatures}. Only a listed feature counts: an implementation without it may answer
     * every request of a route with a RequestMirror filter with an error (Traefik v3.6 answers 500).
     */
    Optional<String> mirrorUnavailable(Optional<GenericKubernetesResource> gateway) {
        Optional<String> className = gateway.map(g -> g.getAdditionalProperties().get("spec"))
                .filter(Map.class::isInstance).map(spec -> ((Map<?, ?>) spec).get("gatewayClassName"))
                .map(String::valueOf);
        if (className.isEmpty()) {
            return Optional.empty();
        }
        return mirrorUnavailable(className.get(), Optional.ofNullable(client.genericKubernetesResources(GATEWAY_CLASS)
                .withName(className.get()).get()));
    }

    static Optional<String> mirrorUnavailable(String className, Optional<GenericKubernetesResource> gatewayClass) {
        List<?> features = gatewayClass.map(c -> c.getAdditionalProperties().get("status"))
                .filter(Map.class::isInstance).map(status -> ((Map<?, ?>) status).get("supportedFeatures"))
                .filter(List.class::isInstance).map(List.class::cast).orElse(List.of());
        // Listed as {name: ...} since Gateway API v1.2, as plain strings before.
        boolean listed = features.stream().map(f -> f instanceof Map<?, ?> named ? named.get("name") : f)
                .anyMatch(MIRROR_FEATURE::equals);
        if (listed) {
            return Optional.empty();
        }
        return Optional.of("GatewayClass " + className + (gatewayClass.isEmpty() ? " does not exist, so nothing says"
                : " does not list " + MIRROR_FEATURE + " in status.supportedFeatures, so nothing says") + " it can copy "
                + "requests (rollout.mirror)");
    }

    /** The route of a service that moved back to the router, if this cluster serves routes at all. */
    void removeOwned(InferenceService service, ChildApplier applier) {
        if (!served()) {
            return;
        }
        route(service).filter(route -> OwnedChildren.ownedBy(service, route)).ifPresent(applier::delete);
        grpcRoute(service).filter(route -> OwnedChildren.ownedBy(service, route)).ifPresent(applier::delete);
    }

    /**
     * How the routes stand with their Gateway: the HTTPRoute's verdict, then the GRPCRoute's where one is wanted; the
     * Gateway missing is a mistake in spec a person must fix.
     */
    TrafficState state(InferenceService service, Optional<GenericKubernetesResource> gateway) {
        TrafficState http = state(service, gateway, route(service), "HTTPRoute");
        if (!http.ready() || !grpcServed() || service.getSpec().getTraffic().getGateway().getHostname() == null) {
            return http;
        }
        TrafficState grpc = state(service, gateway, grpcRoute(service), "GRPCRoute");
        return !grpc.ready() ? grpc : new TrafficState(true, false, grpc.reason(), "HTTPRoute and GRPCRoute "
                + ServingNames.endpoint(service) + " accepted by Gateway " + GatewayRoute.gatewayNamespace(service)
                + "/" + service.getSpec().getTraffic().getGateway().getName());
    }

    static TrafficState state(InferenceService service, Optional<GenericKubernetesResource> gateway,
            Optional<GenericKubernetesResource> route, String kind) {
        GatewayRef ref = service.getSpec().getTraffic().getGateway();
        String namespace = GatewayRoute.gatewayNamespace(service);
        if (gateway.isEmpty()) {
            return new TrafficState(false, true, "GatewayNotFound", "Gateway " + namespace + "/" + ref.getName()
                    + " does not exist: create it, or name another in spec.traffic.gateway");
        }
        if (route.isEmpty()) {
            return new TrafficState(false, false, "RouteNotAccepted", "creating " + kind + " "
                    + ServingNames.endpoint(service));
        }
        return TrafficState.route(route.get(), ref.getName(), namespace);
    }

    /**
     * status.url: the route's host name, else the Gateway's first address, with the HTTP listener's port unless 80;
     * null while the Gateway has no address.
     */
    static String url(InferenceService service, Optional<GenericKubernetesResource> gateway) {
        return host(service, gateway).map(host -> "http://" + host + (port(gateway) == 80 ? "" : ":" + port(gateway)))
                .orElse(null);
    }

    /**
     * status.grpcUrl where the cluster serves GRPCRoutes: the route's host name and the HTTP listener's port (gRPC is
     * HTTP/2 on the same listener); null without a hostname, as no GRPCRoute is made then.
     */
    static String grpcUrl(InferenceService service, Optional<GenericKubernetesResource> gateway) {
        String hostname = service.getSpec().getTraffic().getGateway().getHostname();
        return hostname != null ? hostname + ":" + port(gateway) : null;
    }

    private static Optional<String> host(InferenceService service, Optional<GenericKubernetesResource> gateway) {
        GatewayRef ref = service.getSpec().getTraffic().getGateway();
        if (ref.getHostname() != null) {
            return Optional.of(ref.getHostname());
        }
        return gateway.map(g -> g.getAdditionalProperties().get("status"))
                .filter(Map.class::isInstance).map(s -> ((Map<?, ?>) s).get("addresses"))
                .filter(List.class::isInstance).flatMap(a -> ((List<?>) a).stream().findFirst())
                .filter(Map.class::isInstance).map(a -> String.valueOf(((Map<?, ?>) a).get("value")));
    }

    private static int port(Optional<GenericKubernetesResource> gateway) {
        return gateway.map(g -> g.getAdditionalProperties().get("spec")).filter(Map.class::isInstance)
                .map(s -> ((Map<?, ?>) s).get("listeners")).filter(List.class::isInstance)
                .flatMap(l -> ((List<?>) l).stream().filter(Map.class::isInstance).map(Map.class::cast)
                        .filter(listener -> "HTTP".equals(listener.get("protocol"))).findFirst())
                .map(listener -> listener.get("port")).filter(Number.class::isInstance)
                .map(p -> ((Number) p).intValue()).orElse(80);
    }
}
