package io.mlcycle.router.kube;

import static io.mlcycle.router.kube.Slices.endpoint;
import static io.mlcycle.router.kube.Slices.slice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.mlcycle.router.routing.Endpoint;
import io.mlcycle.router.routing.Revision;
import io.mlcycle.router.routing.RoutingTable;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The informer wiring against Fabric8's mock API server (crud mode): the one place a mock server is used. */
@EnableKubernetesMockClient(crud = true)
class KubernetesTrafficSourceTest {

    static KubernetesClient client;

    private final AtomicReference<RoutingTable> table = new AtomicReference<>();
    private final AtomicInteger configErrors = new AtomicInteger();
    private KubernetesTrafficSource source;

    @BeforeEach
    void startWatching() {
        source = new KubernetesTrafficSource(client, "ml", "iris-traffic", table::set, configErrors::incrementAndGet);
    }

    @AfterEach
    void stopWatching() {
        source.close();
        client.configMaps().inNamespace("ml").delete();
        client.discovery().v1().endpointSlices().inNamespace("ml").delete();
    }

    @Test
    void aMissingConfigMapMeansNoRevisionsOnceSynced() {
        source.start();

        await().atMost(Duration.ofSeconds(5)).until(source::isSynced);
        assertThat(table.get()).isEqualTo(RoutingTable.EMPTY);
    }

    @Test
    void changesOfTheConfigMapAndTheSlicesTakeEffectWithinASecond() {
        client.configMaps().inNamespace("ml").resource(configMap("iris-traffic", TrafficDocumentParserTest.CONTRACT))
                .create();
        // Another ConfigMap in the namespace is not watched (field selector on the name).
        client.configMaps().inNamespace("ml").resource(configMap("unrelated", "{")).create();
        client.discovery().v1().endpointSlices().inNamespace("ml")
                .resource(slice("iris-1-abc", "iris-1", endpoint("10.0.0.1", true))).create();
        source.start();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(revision("iris-1").endpoints())
                .containsExactly(new Endpoint("10.0.0.1", 8080, 8081)));
        assertThat(revision("iris-2").endpoints()).isEmpty();
        assertThat(configErrors).hasValue(0);

        client.discovery().v1().endpointSlices().inNamespace("ml")
                .resource(slice("iris-2-abc", "iris-2", endpoint("10.0.1.1", true))).create();
        await().atMost(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(revision("iris-2").endpoints())
                .extracting(Endpoint::address).containsExactly("10.0.1.1"));

        client.configMaps().inNamespace("ml").resource(configMap("iris-traffic", """
                {"revisions":[{"name":"iris-1","service":"iris-1","weight":0},\
                {"name":"iris-2","service":"iris-2","weight":100}]}""")).update();
        await().atMost(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(revision("iris-2").weight())
                .isEqualTo(100));
        assertThat(table.get().mirror()).isEmpty();
    }

    @Test
    void aMalformedDocumentIsCountedAndTheLastGoodOneStaysWhileEndpointsStillApply() {
        client.configMaps().inNamespace("ml").resource(configMap("iris-traffic", TrafficDocumentParserTest.CONTRACT))
                .create();
        source.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> table.get() != null && table.get().revisions().size() == 2);

        client.configMaps().inNamespace("ml").resource(configMap("iris-traffic", "{\"revisions\": [")).update();
        await().atMost(Duration.ofSeconds(1)).untilAtomic(configErrors, org.hamcrest.Matchers.equalTo(1));
        assertThat(revision("iris-1").weight()).isEqualTo(80);

        client.discovery().v1().endpointSlices().inNamespace("ml")
                .resource(slice("iris-1-abc", "iris-1", endpoint("10.0.0.1", true))).create();
        await().atMost(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(revision("iris-1").endpoints())
                .hasSize(1));
        assertThat(revision("iris-1").weight()).isEqualTo(80);
        // Counted once per refused text, not once per later endpoint event.
        assertThat(configErrors).hasValue(1);

        client.configMaps().inNamespace("ml").withName("iris-traffic").delete();
        await().atMost(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(table.get().revisions()).isEmpty());
    }

    /** The revision in the current table; an AssertionError until there is one, so Awaitility waits for it. */
    private Revision revision(String name) {
        RoutingTable current = table.get();
        assertThat(current).as("the routing table, once the informers delivered it").isNotNull();
        return current.revision(name).orElseThrow(() -> new AssertionError("no revision " + name + " yet"));
    }

    private static ConfigMap configMap(String name, String traffic) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("ml").endMetadata()
                .withData(Map.of(KubernetesTrafficSource.KEY, traffic)).build();
    }
}
