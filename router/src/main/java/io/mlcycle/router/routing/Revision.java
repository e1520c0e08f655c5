package io.mlcycle.router.routing;

import java.util.List;

/** One revision: its name, its configured weight (0..100) and its ready endpoints, in a stable order. */
public record Revision(String name, int weight, List<Endpoint> endpoints) {

    public Revision {
        if (weight < 0) {
            throw new IllegalArgumentException("weight of " + name + " is negative: " + weight);
        }
        endpoints = List.copyOf(endpoints);
    }

    /** The endpoints that serve a protocol. */
    public List<Endpoint> endpoints(Protocol protocol) {
        return endpoints.stream().filter(endpoint -> endpoint.serves(protocol)).toList();
    }
}
