package io.mlcycle.router.routing;

import io.mlcycle.router.routing.Route.Forward;
import io.mlcycle.router.routing.Route.Reason;
import io.mlcycle.router.routing.Route.Refusal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Routes requests over the table in force. {@link #install} swaps in a new table atomically (with fresh
 * round-robin state); {@link #route} never blocks on it. Thread-safe.
 *
 * <p>A revision with weight but no ready endpoint for the request's protocol is left out of the weighted choice:
 * its share goes to the others (normalized by the remaining weights) rather than failing, as while a new revision
 * is still starting. Only a pinned request is answered 503 for it.
 */
public final class TrafficRouter {

    private final AtomicReference<State> state = new AtomicReference<>(new State(RoutingTable.EMPTY));

    /** Replaces the routing table; requests already routed keep their targets. */
    public void install(RoutingTable table) {
        state.set(new State(table));
    }

    /** The table in force. */
    public RoutingTable table() {
        return state.get().table;
    }

    /** The route of one request; {@code pinned} is the {@code x-mlcycle-revision} header's value, or null. */
    public Route route(Protocol protocol, String pinned) {
        return state.get().route(protocol, pinned);
    }

    /**
     * Another target for a request whose connections to the endpoints in {@code tried} could not be made (nothing was
     * sent): another endpoint of the same revision, else, unless the request is pinned, one of the other revision with
     * the most weight. The weighted round-robin is not consulted: at 90/10 it would name the failed revision again nine
     * times in ten, and each call would move the split of other requests.
     */
    public Optional<Target> reroute(Protocol protocol, String pinned, Target failed, Set<Endpoint> tried) {
        return state.get().reroute(protocol, pinned, failed, tried);
    }

    /** One table and the round-robin state over it, per protocol. */
    private static final class State {

        private final RoutingTable table;
        private final Map<Protocol, Weighted> weighted = new EnumMap<>(Protocol.class);
        private final Map<String, Map<Protocol, Endpoints>> endpoints = new HashMap<>();
        private final Map<Protocol, MirrorSampler> mirrorSamplers = new EnumMap<>(Protocol.class);

        State(RoutingTable table) {
            this.table = table;
            for (Protocol protocol : Protocol.values()) {
                weighted.put(protocol, new Weighted(table, protocol));
                int percent = table.mirror().map(Mirror::percent).orElse(0);
                mirrorSamplers.put(protocol, new MirrorSampler(percent));
            }
            for (Revision revision : table.revisions()) {
                Map<Protocol, Endpoints> byProtocol = new EnumMap<>(Protocol.class);
                for (Protocol protocol : Protocol.values()) {
                    byProtocol.put(protocol, new Endpoints(revision.endpoints(protocol)));
                }
                endpoints.put(revision.name(), byProtocol);
            }
        }

        Route route(Protocol protocol, String pinned) {
            String revision;
            if (pinned != null) {
                if (table.revision(pinned).isEmpty()) {
                    return new Refusal(Reason.NO_SUCH_REVISION, "no revision named '" + pinned + "'");
                }
                revision = pinned;
            } else {
                if (table.revisions().stream().allMatch(candidate -> candidate.weight() == 0)) {
                    return new Refusal(Reason.UNAVAILABLE, "no revision has traffic");
                }
                revision = weighted.get(protocol).next();
                if (revision == null) {
                    return new Refusal(Reason.UNAVAILABLE,
                            "no revision with traffic has a ready " + protocol.label() + " endpoint");
                }
            }
            Optional<Endpoint> endpoint = endpoints.get(revision).get(protocol).next();
            if (endpoint.isEmpty()) {
                return new Refusal(Reason.UNAVAILABLE,
                        "revision '" + revision + "' has no ready " + protocol.label() + " endpoint");
            }
            return new Forward(new Target(revision, endpoint.get()), mirror(protocol, revision));
        }

        Optional<Target> reroute(Protocol protocol, String pinned, Target failed, Set<Endpoint> tried) {
            Optional<Target> sibling = untried(failed.revision(), protocol, tried);
            if (sibling.isPresent() || pinned != null) {
                return sibling;
            }
            return table.revisions().stream()
                    .filter(r -> r.weight() > 0 && !r.name().equals(failed.revision()))
                    .sorted(Comparator.comparingInt(Revision::weight).reversed())
                    .map(r -> untried(r.name(), protocol, tried)).flatMap(Optional::stream).findFirst();
        }

        /** The next endpoint of {@code revision} not tried yet. */
        private Optional<Target> untried(String revision, Protocol protocol, Set<Endpoint> tried) {
            Map<Protocol, Endpoints> byProtocol = endpoints.get(revision);
            return byProtocol == null ? Optional.empty()
                    : byProtocol.get(protocol).other(tried).map(endpoint -> new Target(revision, endpoint));
        }

        /** A copy for the mirror revision, unless the request already goes there (a pin): no copy of itself. */
        private Optional<Target> mirror(Protocol protocol, String target) {
            if (table.mirror().isEmpty() || table.mirror().get().revision().equals(target)
                    || !mirrorSamplers.get(protocol).next()) {
                return Optional.empty();
            }
            String revision = table.mirror().get().revision();
            Map<Protocol, Endpoints> byProtocol = endpoints.get(revision);
            // A mirror revision that is not listed, or not ready, gets no copy: mirroring never refuses a request.
            Optional<Endpoint> endpoint = byProtocol == null ? Optional.empty() : byProtocol.get(protocol).next();
            return endpoint.map(chosen -> new Target(revision, chosen));
        }
    }

    /**
     * The weighted choice over the revisions with weight and a ready endpoint for one protocol. When none of them has
     * one (a canary that lost its pods before the operator moved the weights back, weights that arrived before the new
     * pods' EndpointSlice), the ready revisions without weight share the requests evenly: an answer from the version
     * that served a moment ago beats a 503.
     */
    private static final class Weighted {

        private final List<String> names = new ArrayList<>();
        private final SmoothWeightedRoundRobin choice;

        Weighted(RoutingTable table, Protocol protocol) {
            List<Integer> weights = new ArrayList<>();
            for (Revision revision : table.revisions()) {
                if (revision.weight() > 0 && !revision.endpoints(protocol).isEmpty()) {
                    names.add(revision.name());
                    weights.add(revision.weight());
                }
            }
            if (names.isEmpty()) {
                for (Revision revision : table.revisions()) {
                    if (!revision.endpoints(protocol).isEmpty()) {
                        names.add(revision.name());
                        weights.add(1);
                    }
                }
            }
            choice = new SmoothWeightedRoundRobin(weights.stream().mapToInt(Integer::intValue).toArray());
        }

        /** The next revision's name, or null when none can take traffic. */
        String next() {
            int index = choice.next();
            return index < 0 ? null : names.get(index);
        }
    }

    /** Round-robin over one revision's endpoints for one protocol. */
    private static final class Endpoints {

        private final List<Endpoint> endpoints;
        private final AtomicInteger next = new AtomicInteger();

        Endpoints(List<Endpoint> endpoints) {
            this.endpoints = endpoints;
        }

        Optional<Endpoint> next() {
            if (endpoints.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(endpoints.get(Math.floorMod(next.getAndIncrement(), endpoints.size())));
        }

        /** The next endpoint not in {@code tried}; none when all were. */
        Optional<Endpoint> other(Set<Endpoint> tried) {
            for (int i = 0; i < endpoints.size(); i++) {
                Optional<Endpoint> candidate = next();
                if (candidate.isPresent() && !tried.contains(candidate.get())) {
                    return candidate;
                }
            }
            return Optional.empty();
        }
    }
}
