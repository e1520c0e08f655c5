package io.mlcycle.router.kube;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.mlcycle.router.kube.TrafficDocument.RevisionEntry;
import io.mlcycle.router.routing.Endpoint;
import io.mlcycle.router.routing.Mirror;
import io.mlcycle.router.routing.Revision;
import io.mlcycle.router.routing.RoutingTable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the routing table from a traffic document and the namespace's EndpointSlices: a slice belongs to the
 * Service named by its {@value #SERVICE_LABEL} label; an endpoint counts when {@code conditions.ready} is not false;
 * its REST and gRPC ports are the slice's ports named {@value #HTTP_PORT} and {@value #GRPC_PORT}. Pure.
 */
public final class RoutingTableBuilder {

    /** The label Kubernetes puts on every EndpointSlice it manages for a Service. */
    public static final String SERVICE_LABEL = "kubernetes.io/service-name";
    /** The name of the serving pods' REST port in the revision Service. */
    public static final String HTTP_PORT = "http";
    /** The name of the serving pods' gRPC port in the revision Service. */
    public static final String GRPC_PORT = "grpc";

    private RoutingTableBuilder() {
    }

    /** The table routing by {@code document} over the ready endpoints in {@code slices}. */
    public static RoutingTable build(TrafficDocument document, Collection<EndpointSlice> slices) {
        List<Revision> revisions = new ArrayList<>();
        for (RevisionEntry entry : document.revisions()) {
            revisions.add(new Revision(entry.name(), entry.weight(), endpointsOf(entry.service(), slices)));
        }
        Optional<Mirror> mirror = Optional.ofNullable(document.mirror())
                .map(entry -> new Mirror(entry.revision(), entry.percent()));
        return new RoutingTable(revisions, mirror);
    }

    private static List<Endpoint> endpointsOf(String service, Collection<EndpointSlice> slices) {
        Set<Endpoint> endpoints = new LinkedHashSet<>();
        for (EndpointSlice slice : slices) {
            Map<String, String> labels = slice.getMetadata() == null ? null : slice.getMetadata().getLabels();
            if (labels == null || !service.equals(labels.get(SERVICE_LABEL)) || slice.getEndpoints() == null) {
                continue;
            }
            int http = port(slice, HTTP_PORT);
            int grpc = port(slice, GRPC_PORT);
            if (http == Endpoint.NO_PORT && grpc == Endpoint.NO_PORT) {
                continue;
            }
            for (io.fabric8.kubernetes.api.model.discovery.v1.Endpoint endpoint : slice.getEndpoints()) {
                EndpointConditions conditions = endpoint.getConditions();
                boolean ready = conditions == null || !Boolean.FALSE.equals(conditions.getReady());
                // Addresses of one endpoint are fungible (the API says so); the first one is used.
                if (ready && endpoint.getAddresses() != null && !endpoint.getAddresses().isEmpty()) {
                    endpoints.add(new Endpoint(endpoint.getAddresses().get(0), http, grpc));
                }
            }
        }
        // A stable order, so that a rebuilt table with the same endpoints round-robins the same way.
        return endpoints.stream().sorted(Comparator.comparing(Endpoint::address)
                .thenComparingInt(Endpoint::httpPort).thenComparingInt(Endpoint::grpcPort)).toList();
    }

    private static int port(EndpointSlice slice, String name) {
        if (slice.getPorts() == null) {
            return Endpoint.NO_PORT;
        }
        return slice.getPorts().stream()
                .filter(port -> name.equals(port.getName()) && port.getPort() != null)
                .map(EndpointPort::getPort).findFirst().orElse(Endpoint.NO_PORT);
    }
}
