package io.mlcycle.router.routing;

import java.util.List;
import java.util.Optional;

/** Routing tables for tests, written the way they read. */
public final class Tables {

    private Tables() {
    }

    /** A revision with endpoints serving both protocols on 8080 / 8081. */
    public static Revision revision(String name, int weight, String... addresses) {
        return new Revision(name, weight,
                java.util.Arrays.stream(addresses).map(address -> new Endpoint(address, 8080, 8081)).toList());
    }

    /** A table of these revisions, no mirror. */
    public static RoutingTable table(Revision... revisions) {
        return new RoutingTable(List.of(revisions), Optional.empty());
    }

    /** A table of these revisions mirroring {@code percent} to {@code mirror}. */
    public static RoutingTable mirrored(String mirror, int percent, Revision... revisions) {
        return new RoutingTable(List.of(revisions), Optional.of(new Mirror(mirror, percent)));
    }
}
