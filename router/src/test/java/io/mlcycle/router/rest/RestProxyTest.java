package io.mlcycle.router.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mlcycle.router.metrics.RouterMetrics;
import io.mlcycle.router.routing.Endpoint;
import io.mlcycle.router.routing.Mirror;
import io.mlcycle.router.routing.Revision;
import io.mlcycle.router.routing.RoutingTable;
import io.mlcycle.router.routing.TrafficRouter;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real HTTP end to end, in process: a client, the router's REST proxy, two backends answering their names. */
class RestProxyTest {

    private static final String INFER = "/v2/models/iris/infer";
    private static final String BODY = "{\"inputs\":[{\"name\":\"x\",\"shape\":[1,4],\"datatype\":\"FP32\","
            + "\"data\":[5.1,3.5,1.4,0.2]}]}";

    private final HttpClient client = HttpClient.newHttpClient();
    private final TrafficRouter router = new TrafficRouter();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private Vertx vertx;
    private HttpBackend one;
    private HttpBackend two;
    private HttpServer proxyServer;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        one = new HttpBackend(vertx, "iris-1");
        two = new HttpBackend(vertx, "iris-2");
        RouterMetrics metrics = new RouterMetrics(registry);
        Router web = Router.router(vertx);
        new RestProxy(vertx.createHttpClient(), router, metrics,
                new RestMirror(vertx.createHttpClient(), metrics, 5000)).mount(web);
        proxyServer = vertx.createHttpServer().requestHandler(web).listen(0)
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void eightyTwentySplitsExactlyAndEveryAnswerSaysWhoAnswered() throws Exception {
        router.install(table(Optional.empty(), revision("iris-1", 80, one), revision("iris-2", 20, two)));

        Map<String, Integer> answered = new TreeMap<>();
        for (int i = 0; i < 100; i++) {
            HttpResponse<String> response = post(INFER, BODY, null);
            assertThat(response.statusCode()).isEqualTo(200);
            String revision = new JsonObject(response.body()).getString("revision");
            assertThat(response.headers().firstValue(Headers.REVISION)).contains(revision);
            assertThat(new JsonObject(response.body()).getString("echo")).isEqualTo(BODY);
            answered.merge(revision, 1, Integer::sum);
        }

        assertThat(answered).containsExactly(Map.entry("iris-1", 80), Map.entry("iris-2", 20));
        // Counted once the answer is fully written, which may be just after the client has read it.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(registry.find("mlcycle.router.requests")
                    .tags("revision", "iris-1", "protocol", "rest", "code", "200").counter())
                    .isNotNull().extracting(counter -> counter.count()).isEqualTo(80.0);
            assertThat(registry.find("mlcycle.router.request").tags("revision", "iris-2", "protocol", "rest")
                    .timer()).isNotNull().extracting(timer -> timer.count()).isEqualTo(20L);
        });
    }

    @Test
    void thePinHeaderSendsRequestsToItsRevisionEvenAtWeightZero() throws Exception {
        router.install(table(Optional.empty(), revision("iris-1", 100, one), revision("iris-2", 0, two)));

        for (int i = 0; i < 5; i++) {
            HttpResponse<String> response = post(INFER, BODY, "iris-2");
            assertThat(response.headers().firstValue(Headers.REVISION)).contains("iris-2");
        }
        assertThat(two.received).hasSize(5);
        assertThat(one.received).isEmpty();
    }

    @Test
    void anUnknownPinIsNotFoundAndNoRevisionIsUnavailable() throws Exception {
        router.install(table(Optional.empty(), revision("iris-1", 100, one)));
        HttpResponse<String> unknown = post(INFER, BODY, "iris-9");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(new JsonObject(unknown.body()).getString("error")).isEqualTo("no revision named 'iris-9'");

        router.install(RoutingTable.EMPTY);
        HttpResponse<String> empty = post(INFER, BODY, null);
        assertThat(empty.statusCode()).isEqualTo(503);
        assertThat(empty.headers().firstValue("content-type")).contains("application/json");
        assertThat(new JsonObject(empty.body()).getString("error")).isEqualTo("no revision has traffic");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(registry.find("mlcycle.router.requests")
                .tags("revision", RouterMetrics.NO_REVISION, "code", "503").counter())
                .isNotNull().extracting(counter -> counter.count()).isEqualTo(1.0));
    }

    @Test
    void aDeadBackendIsBadGatewayAndTheRouterKeepsServing() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        Revision dead = new Revision("iris-3", 100, List.of(new Endpoint("127.0.0.1", deadPort, Endpoint.NO_PORT)));
        router.install(table(Optional.empty(), dead, revision("iris-1", 0, one)));

        HttpResponse<String> response = post(INFER, BODY, null);
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(new JsonObject(response.body()).getString("error"))
                .startsWith("revision 'iris-3' at 127.0.0.1:" + deadPort + " did not answer");
        assertThat(response.headers().firstValue(Headers.REVISION)).contains("iris-3");

        assertThat(post(INFER, BODY, "iris-1").statusCode()).isEqualTo(200);
    }

    @Test
    void anEndpointThatRefusesConnectionsIsSkippedForAnotherOfItsRevisionWithoutAFailedRequest() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        // A pod gone but still in the table (its EndpointSlice update not yet here) beside one that answers.
        router.install(table(Optional.empty(), new Revision("iris-1", 100, List.of(
                new Endpoint("127.0.0.1", deadPort, Endpoint.NO_PORT),
                new Endpoint("127.0.0.1", one.port(), Endpoint.NO_PORT)))));

        for (int i = 0; i < 10; i++) {
            HttpResponse<String> response = post(INFER, BODY, null);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(new JsonObject(response.body()).getString("echo")).isEqualTo(BODY);
        }
        assertThat(one.received).hasSize(10);
        assertThat(registry.find("mlcycle.router.retries").tags("revision", "iris-1", "protocol", "rest").counter())
                .isNotNull().extracting(counter -> counter.count()).isEqualTo(10.0);
    }

    @Test
    void mirroredCopiesReachTheMirrorAndTheClientOnlySeesTheOriginalsAnswer() throws Exception {
        router.install(table(Optional.of(new Mirror("iris-2", 50)), revision("iris-1", 100, one),
                revision("iris-2", 0, two)));

        for (int i = 0; i < 10; i++) {
            HttpResponse<String> response = post(INFER, BODY, null);
            assertThat(response.headers().firstValue(Headers.REVISION)).contains("iris-1");
        }

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(two.received).hasSize(5));
        HttpBackend.Received copy = two.received.peek();
        assertThat(copy.uri()).isEqualTo(INFER);
        assertThat(copy.body()).isEqualTo(BODY);
        assertThat(copy.headers().get(Headers.MIRROR)).isEqualTo("true");
        assertThat(one.received).hasSize(10).allSatisfy(original -> assertThat(original.body()).isEqualTo(BODY));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(registry.get("mlcycle.router.mirrored")
                .tags("revision", "iris-2", "outcome", "success").counter().count()).isEqualTo(5));
    }

    @Test
    void aMirroredAnswerIsComparedWithTheClientsPredictionByPrediction() throws Exception {
        one.outputs = "[{\"name\":\"probabilities\",\"datatype\":\"FP32\",\"shape\":[2,3],"
                + "\"data\":[0.9,0.05,0.05,0.1,0.2,0.7]}]";
        two.outputs = "[{\"name\":\"probabilities\",\"datatype\":\"FP32\",\"shape\":[2,3],"
                + "\"data\":[[0.8,0.1,0.1],[0.6,0.3,0.1]]}]";
        router.install(table(Optional.of(new Mirror("iris-2", 100)), revision("iris-1", 100, one),
                revision("iris-2", 0, two)));

        for (int i = 0; i < 4; i++) {
            HttpResponse<String> response = post(INFER, BODY, null);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(new JsonObject(response.body()).getString("revision")).as("the original's answer, whole")
                    .isEqualTo("iris-1");
            assertThat(new JsonObject(response.body()).getJsonArray("outputs").getJsonObject(0).getJsonArray("data"))
                    .hasSize(6);
        }

        // Row 1 has the same class in both answers, row 2 does not.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(registry.get("mlcycle.router.mirror.predictions").tags("revision", "iris-2", "result",
                    "agreed").counter().count()).isEqualTo(4);
            assertThat(registry.get("mlcycle.router.mirror.predictions").tags("revision", "iris-2", "result",
                    "differed").counter().count()).isEqualTo(4);
        });
    }

    @Test
    void aCopyAnsweredWithAnErrorDiffersInEveryPredictionAndAPinToTheMirrorGetsNoCopy() throws Exception {
        one.outputs = "[{\"name\":\"p\",\"datatype\":\"FP32\",\"shape\":[2,1],\"data\":[0.2,0.7]}]";
        two.status = 400;
        router.install(table(Optional.of(new Mirror("iris-2", 100)), revision("iris-1", 100, one),
                revision("iris-2", 0, two)));

        assertThat(post(INFER, BODY, null).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(registry.get(
                "mlcycle.router.mirror.predictions").tags("revision", "iris-2", "result", "differed").counter()
                .count()).isEqualTo(2));

        post(INFER, BODY, "iris-2");
        assertThat(two.received).as("the original only, no copy of itself").hasSize(2);
    }

    @Test
    void onlyOipPathsAreForwarded() throws Exception {
        router.install(table(Optional.empty(), revision("iris-1", 100, one)));

        HttpResponse<String> health = client.send(HttpRequest.newBuilder(uri("/v2/health/ready")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> other = client.send(HttpRequest.newBuilder(uri("/q/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(one.received).extracting(HttpBackend.Received::uri).containsExactly("/v2/health/ready");
    }

    private static Revision revision(String name, int weight, HttpBackend backend) {
        return new Revision(name, weight, List.of(new Endpoint("127.0.0.1", backend.port(), Endpoint.NO_PORT)));
    }

    private static RoutingTable table(Optional<Mirror> mirror, Revision... revisions) {
        return new RoutingTable(List.of(revisions), mirror);
    }

    private HttpResponse<String> post(String path, String body, String pinned) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (pinned != null) {
            request.header(Headers.REVISION, pinned);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + proxyServer.actualPort() + path);
    }
}
