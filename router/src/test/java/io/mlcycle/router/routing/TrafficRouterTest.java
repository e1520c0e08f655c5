package io.mlcycle.router.routing;

import static io.mlcycle.router.routing.Tables.mirrored;
import static io.mlcycle.router.routing.Tables.revision;
import static io.mlcycle.router.routing.Tables.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.mlcycle.router.routing.Route.Forward;
import io.mlcycle.router.routing.Route.Reason;
import io.mlcycle.router.routing.Route.Refusal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TrafficRouterTest {

    private final TrafficRouter router = new TrafficRouter();

    @Test
    void eightyTwentyOverAThousandIsExactlyEightHundredAndTwoHundred() {
        router.install(table(revision("iris-1", 80, "10.0.0.1"), revision("iris-2", 20, "10.0.0.2")));

        assertThat(countRevisions(Protocol.REST, 1000, null)).containsExactly(
                Map.entry("iris-1", 800), Map.entry("iris-2", 200));
        assertThat(countRevisions(Protocol.GRPC, 1000, null)).containsExactly(
                Map.entry("iris-1", 800), Map.entry("iris-2", 200));
    }

    @Test
    void endpointsOfARevisionTakeTurns() {
        router.install(table(revision("iris-1", 100, "10.0.0.1", "10.0.0.2", "10.0.0.3")));

        List<String> addresses = java.util.stream.IntStream.range(0, 6)
                .mapToObj(i -> forward(router.route(Protocol.REST, null)).target().endpoint().address()).toList();

        assertThat(addresses).containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.1", "10.0.0.2", "10.0.0.3");
    }

    @Test
    void anUnreachableEndpointIsReroutedToAnotherOfItsRevisionThenElsewhereUnlessPinned() {
        router.install(table(revision("iris-1", 80, "10.0.0.1", "10.0.0.2"), revision("iris-2", 20, "10.0.0.3")));
        Target first = new Target("iris-1", new Endpoint("10.0.0.1", 8080, 8081));

        assertThat(router.reroute(Protocol.REST, null, first, Set.of(first.endpoint()))).contains(
                new Target("iris-1", new Endpoint("10.0.0.2", 8080, 8081)));
        assertThat(router.reroute(Protocol.REST, null, first, Set.of(first.endpoint(),
                new Endpoint("10.0.0.2", 8080, 8081)))).as("both of iris-1 tried").contains(
                new Target("iris-2", new Endpoint("10.0.0.3", 8080, 8081)));

        router.install(table(revision("iris-1", 90, "10.0.0.1"), revision("iris-2", 10, "10.0.0.3")));
        assertThat(router.reroute(Protocol.REST, null, first, Set.of(first.endpoint())))
                .as("at 90/10 too, however seldom the round-robin names it").contains(
                        new Target("iris-2", new Endpoint("10.0.0.3", 8080, 8081)));
        assertThat(router.reroute(Protocol.REST, "iris-1", first, Set.of(first.endpoint())))
                .as("a pinned request stays pinned").isEmpty();
        assertThat(countRevisions(Protocol.REST, 100, null)).as("the split is untouched").containsExactly(
                Map.entry("iris-1", 90), Map.entry("iris-2", 10));

        router.install(table(revision("iris-1", 100, "10.0.0.1"), revision("iris-2", 0, "10.0.0.3")));
        assertThat(router.reroute(Protocol.GRPC, null, first, Set.of(first.endpoint())))
                .as("weight 0 gets no rerouted request").isEmpty();
    }

    @Test
    void allZeroWeightsOrNoRevisionsAreUnavailable() {
        assertThat(refusal(router.route(Protocol.REST, null)))
                .isEqualTo(new Refusal(Reason.UNAVAILABLE, "no revision has traffic"));
        router.install(table(revision("iris-1", 0, "10.0.0.1")));
        assertThat(refusal(router.route(Protocol.GRPC, null)).message()).isEqualTo("no revision has traffic");
    }

    @Test
    void aRevisionWithoutReadyEndpointsGivesItsShareToTheOthers() {
        router.install(table(revision("iris-1", 80, "10.0.0.1"), revision("iris-2", 20)));
        assertThat(countRevisions(Protocol.REST, 100, null)).containsExactly(Map.entry("iris-1", 100));

        router.install(table(revision("iris-1", 80), revision("iris-2", 20)));
        assertThat(refusal(router.route(Protocol.REST, null)).reason()).isEqualTo(Reason.UNAVAILABLE);
    }

    @Test
    void whenNoWeightedRevisionHasAnEndpointTheReadyOnesWithoutWeightAnswer() {
        router.install(table(revision("iris-1", 0, "10.0.0.1"), revision("iris-2", 100)));

        assertThat(countRevisions(Protocol.REST, 10, null)).containsExactly(Map.entry("iris-1", 10));
        assertThat(countRevisions(Protocol.GRPC, 10, null)).containsExactly(Map.entry("iris-1", 10));
    }

    @Test
    void aPinnedRequestGoesToItsRevisionEvenAtWeightZero() {
        router.install(table(revision("iris-1", 100, "10.0.0.1"), revision("iris-2", 0, "10.0.0.2")));

        assertThat(countRevisions(Protocol.REST, 10, "iris-2")).containsExactly(Map.entry("iris-2", 10));
    }

    @Test
    void pinningAnUnknownRevisionIsNotFoundAndOneWithoutEndpointsUnavailable() {
        router.install(table(revision("iris-1", 100, "10.0.0.1"), revision("iris-2", 0)));

        assertThat(refusal(router.route(Protocol.REST, "iris-9")))
                .isEqualTo(new Refusal(Reason.NO_SUCH_REVISION, "no revision named 'iris-9'"));
        assertThat(refusal(router.route(Protocol.GRPC, "iris-2")))
                .isEqualTo(new Refusal(Reason.UNAVAILABLE, "revision 'iris-2' has no ready grpc endpoint"));
    }

    @Test
    void endpointsWithoutTheProtocolsPortAreNotChosenForIt() {
        Revision restOnly = new Revision("iris-1", 100, List.of(new Endpoint("10.0.0.1", 8080, Endpoint.NO_PORT)));
        router.install(table(restOnly));

        assertThat(forward(router.route(Protocol.REST, null)).target().revision()).isEqualTo("iris-1");
        assertThat(refusal(router.route(Protocol.GRPC, null)).message())
                .isEqualTo("no revision with traffic has a ready grpc endpoint");
    }

    @Test
    void tenPercentMirrorCopiesExactlyOneRequestInTen() {
        router.install(mirrored("iris-2", 10, revision("iris-1", 100, "10.0.0.1"), revision("iris-2", 0, "10.0.0.2")));

        int copies = 0;
        for (int i = 0; i < 1000; i++) {
            Optional<Target> mirror = forward(router.route(Protocol.REST, null)).mirror();
            if (mirror.isPresent()) {
                assertThat(mirror.get().revision()).isEqualTo("iris-2");
                assertThat(mirror.get().endpoint().address()).isEqualTo("10.0.0.2");
                copies++;
            }
        }
        assertThat(copies).isEqualTo(100);
    }

    @Test
    void aMirrorWithoutReadyEndpointsGetsNoCopyAndNeverRefuses() {
        router.install(mirrored("iris-2", 100, revision("iris-1", 100, "10.0.0.1"), revision("iris-2", 0)));

        assertThat(forward(router.route(Protocol.REST, null)).mirror()).isEmpty();
    }

    @Test
    void aNewTableTakesEffectAtOnce() {
        router.install(table(revision("iris-1", 100, "10.0.0.1"), revision("iris-2", 0, "10.0.0.2")));
        assertThat(countRevisions(Protocol.REST, 10, null)).containsOnlyKeys("iris-1");

        router.install(table(revision("iris-1", 0, "10.0.0.1"), revision("iris-2", 100, "10.0.0.2")));
        assertThat(countRevisions(Protocol.REST, 10, null)).containsOnlyKeys("iris-2");
    }

    private Map<String, Integer> countRevisions(Protocol protocol, int requests, String pinned) {
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < requests; i++) {
            counts.merge(forward(router.route(protocol, pinned)).target().revision(), 1, Integer::sum);
        }
        return counts;
    }

    private static Forward forward(Route route) {
        assertThat(route).isInstanceOf(Forward.class);
        return (Forward) route;
    }

    private static Refusal refusal(Route route) {
        assertThat(route).isInstanceOf(Refusal.class);
        return (Refusal) route;
    }
}
