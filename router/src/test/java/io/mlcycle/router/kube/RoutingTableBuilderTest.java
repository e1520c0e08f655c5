package io.mlcycle.router.kube;

import static io.mlcycle.router.kube.Slices.endpoint;
import static io.mlcycle.router.kube.Slices.port;
import static io.mlcycle.router.kube.Slices.slice;
import static io.mlcycle.router.kube.Slices.terminating;
import static org.assertj.core.api.Assertions.assertThat;

import io.mlcycle.router.routing.Endpoint;
import io.mlcycle.router.routing.Mirror;
import io.mlcycle.router.routing.RoutingTable;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutingTableBuilderTest {

    private final TrafficDocument contract = new TrafficDocumentParser().parse(TrafficDocumentParserTest.CONTRACT);

    @Test
    void endpointsComeFromTheSlicesOfEachRevisionsService() {
        RoutingTable table = RoutingTableBuilder.build(contract, List.of(
                slice("iris-1-abc", "iris-1", endpoint("10.0.0.2", true), endpoint("10.0.0.1", null)),
                slice("iris-1-def", "iris-1", endpoint("10.0.0.3", true)),
                slice("iris-2-abc", "iris-2", endpoint("10.0.1.1", true)),
                slice("other-abc", "other", endpoint("10.9.9.9", true))));

        assertThat(table.revision("iris-1").orElseThrow().endpoints()).containsExactly(
                new Endpoint("10.0.0.1", 8080, 8081), new Endpoint("10.0.0.2", 8080, 8081),
                new Endpoint("10.0.0.3", 8080, 8081));
        assertThat(table.revision("iris-1").orElseThrow().weight()).isEqualTo(80);
        assertThat(table.revision("iris-2").orElseThrow().endpoints()).extracting(Endpoint::address)
                .containsExactly("10.0.1.1");
        assertThat(table.mirror()).contains(new Mirror("iris-2", 10));
    }

    @Test
    void notReadyAndTerminatingEndpointsDoNotCount() {
        RoutingTable table = RoutingTableBuilder.build(contract, List.of(
                slice("iris-1-abc", "iris-1", endpoint("10.0.0.1", false), terminating("10.0.0.2"),
                        endpoint("10.0.0.3", true))));

        assertThat(table.revision("iris-1").orElseThrow().endpoints()).extracting(Endpoint::address)
                .containsExactly("10.0.0.3");
        assertThat(table.revision("iris-2").orElseThrow().endpoints()).isEmpty();
    }

    @Test
    void portsAreThoseNamedHttpAndGrpcAndASliceWithNeitherIsIgnored() {
        RoutingTable table = RoutingTableBuilder.build(contract, List.of(
                slice("iris-1-abc", "iris-1", List.of(port("http", 9000), port("metrics", 9090)),
                        endpoint("10.0.0.1", true)),
                slice("iris-2-abc", "iris-2", List.of(port("web", 80)), endpoint("10.0.1.1", true))));

        assertThat(table.revision("iris-1").orElseThrow().endpoints())
                .containsExactly(new Endpoint("10.0.0.1", 9000, Endpoint.NO_PORT));
        assertThat(table.revision("iris-2").orElseThrow().endpoints()).isEmpty();
    }

    @Test
    void noDocumentMeansNoRevisions() {
        assertThat(RoutingTableBuilder.build(TrafficDocument.EMPTY, List.of(slice("x", "iris-1"))))
                .isEqualTo(RoutingTable.EMPTY);
    }
}
