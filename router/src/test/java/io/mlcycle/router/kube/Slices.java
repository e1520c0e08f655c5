package io.mlcycle.router.kube;

import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.List;

/** EndpointSlices for tests, as the EndpointSlice controller writes them. */
final class Slices {

    private Slices() {
    }

    /** A slice of {@code service} with ports http 8080 and grpc 8081. */
    static EndpointSlice slice(String name, String service, Endpoint... endpoints) {
        return slice(name, service, List.of(port("http", 8080), port("grpc", 8081)), endpoints);
    }

    static EndpointSlice slice(String name, String service, List<EndpointPort> ports, Endpoint... endpoints) {
        return new EndpointSliceBuilder().withNewMetadata().withName(name).withNamespace("ml")
                .addToLabels(RoutingTableBuilder.SERVICE_LABEL, service).endMetadata()
                .withAddressType("IPv4").withPorts(ports).withEndpoints(endpoints).build();
    }

    static EndpointPort port(String name, int number) {
        return new EndpointPortBuilder().withName(name).withPort(number).withProtocol("TCP").build();
    }

    /** An endpoint with {@code ready} as given (null: the condition is not set, which counts as ready). */
    static Endpoint endpoint(String address, Boolean ready) {
        return new EndpointBuilder().withAddresses(address).withNewConditions().withReady(ready).endConditions()
                .build();
    }

    /** An endpoint being deleted: terminating, still serving, not ready. */
    static Endpoint terminating(String address) {
        return new EndpointBuilder().withAddresses(address).withNewConditions().withReady(false).withServing(true)
                .withTerminating(true).endConditions().build();
    }
}
