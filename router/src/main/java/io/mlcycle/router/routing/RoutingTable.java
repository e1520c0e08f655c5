package io.mlcycle.router.routing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The revisions in force, in configuration order, and the optional mirror; immutable, replaced as a whole. */
public record RoutingTable(List<Revision> revisions, Optional<Mirror> mirror) {

    /** No revisions: every request is answered 503. */
    public static final RoutingTable EMPTY = new RoutingTable(List.of(), Optional.empty());

    public RoutingTable {
        revisions = List.copyOf(revisions);
        Map<String, Revision> seen = new LinkedHashMap<>();
        for (Revision revision : revisions) {
            if (seen.put(revision.name(), revision) != null) {
                throw new IllegalArgumentException("revision " + revision.name() + " is listed twice");
            }
        }
    }

    /** The revision of a name, if listed. */
    public Optional<Revision> revision(String name) {
        return revisions.stream().filter(revision -> revision.name().equals(name)).findFirst();
    }
}
