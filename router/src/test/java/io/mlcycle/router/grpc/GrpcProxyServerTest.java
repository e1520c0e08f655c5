package io.mlcycle.router.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mlcycle.router.compare.InferResponseBytes;
import io.mlcycle.router.metrics.RouterMetrics;
import io.mlcycle.router.routing.Endpoint;
import io.mlcycle.router.routing.Mirror;
import io.mlcycle.router.routing.Revision;
import io.mlcycle.router.routing.RoutingTable;
import io.mlcycle.router.routing.TrafficRouter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real gRPC end to end, in process: a grpc-java client, the router's gRPC server, two byte-level backends. */
class GrpcProxyServerTest {

    private final TrafficRouter router = new TrafficRouter();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ChannelPool channels = new ChannelPool(4 << 20);
    private GrpcBackend one;
    private GrpcBackend two;
    private GrpcProxyServer server;
    private ManagedChannel client;

    @BeforeEach
    void start() throws Exception {
        one = new GrpcBackend("iris-1");
        two = new GrpcBackend("iris-2");
        server = new GrpcProxyServer(0, router, channels, new RouterMetrics(registry), 4 << 20, 5000).start();
        client = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    }

    @AfterEach
    void stop() throws Exception {
        client.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.stop(Duration.ofSeconds(1));
        channels.close();
        one.close();
        two.close();
    }

    @Test
    void eightyTwentySplitsExactlyAndTheAnswerHeadersSayWhoAnswered() {
        install(Optional.empty(), revision("iris-1", 80, one), revision("iris-2", 20, two));

        Map<String, Integer> answered = new TreeMap<>();
        for (int i = 0; i < 50; i++) {
            AtomicReference<Metadata> headers = new AtomicReference<>();
            String answer = call("x", null, headers);
            String revision = answer.substring(0, answer.indexOf(':'));
            assertThat(answer).isEqualTo(revision + ":x");
            assertThat(headers.get().get(GrpcHeaders.REVISION)).isEqualTo(revision);
            answered.merge(revision, 1, Integer::sum);
        }

        assertThat(answered).containsExactly(Map.entry("iris-1", 40), Map.entry("iris-2", 10));
        assertThat(registry.get("mlcycle.router.requests").tags("revision", "iris-2", "protocol", "grpc", "code", "OK")
                .counter().count()).isEqualTo(10);
    }

    @Test
    void pinningMetadataSendsTheCallToItsRevision() {
        install(Optional.empty(), revision("iris-1", 100, one), revision("iris-2", 0, two));

        assertThat(call("x", "iris-2", new AtomicReference<>())).isEqualTo("iris-2:x");
        assertThat(one.received).isEmpty();
    }

    @Test
    void unknownPinIsNotFoundAndNoTrafficIsUnavailable() {
        install(Optional.empty(), revision("iris-1", 100, one));
        Status unknown = failure("x", "iris-9");
        assertThat(unknown.getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(unknown.getDescription()).isEqualTo("no revision named 'iris-9'");

        router.install(RoutingTable.EMPTY);
        Status empty = failure("x", null);
        assertThat(empty.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(empty.getDescription()).isEqualTo("no revision has traffic");
    }

    @Test
    void theBackendsErrorStatusMessageAndTrailersReachTheClient() {
        install(Optional.empty(), revision("iris-1", 100, one));

        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> call("fail", null, new AtomicReference<>()));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(error.getStatus().getDescription()).isEqualTo("bad tensor in iris-1");
        assertThat(error.getTrailers().get(GrpcBackend.DETAIL)).isEqualTo("from iris-1");
        assertThat(registry.get("mlcycle.router.requests").tags("code", "INVALID_ARGUMENT").counter().count())
                .isEqualTo(1);
    }

    @Test
    void aDeadBackendIsUnavailableWithWhoDidNotAnswerAndTheRouterKeepsServing() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        Revision dead = new Revision("iris-3", 100, List.of(new Endpoint("127.0.0.1", Endpoint.NO_PORT, deadPort)));
        router.install(new RoutingTable(List.of(dead, revision("iris-1", 0, one)), Optional.empty()));

        Status status = failure("x", null);
        assertThat(status.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(status.getDescription()).startsWith("revision 'iris-3' at 127.0.0.1:" + deadPort + " did not answer");
        assertThat(call("x", "iris-1", new AtomicReference<>())).isEqualTo("iris-1:x");
    }

    @Test
    void mirroredCallsReachTheMirrorAndTheirAnswersAreDropped() {
        install(Optional.of(new Mirror("iris-2", 50)), revision("iris-1", 100, one), revision("iris-2", 0, two));

        for (int i = 0; i < 10; i++) {
            assertThat(call("m" + i, null, new AtomicReference<>())).isEqualTo("iris-1:m" + i);
        }

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(two.received).hasSize(5));
        // Which calls were copied is exact (the counter's every other one); the copies' arrival order is not.
        assertThat(two.received).containsExactlyInAnyOrder("m1", "m3", "m5", "m7", "m9");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(registry.get("mlcycle.router.mirrored")
                .tags("revision", "iris-2", "outcome", "success").counter().count()).isEqualTo(5));
    }

    @Test
    void aMirroredInferenceAnswerIsComparedWithTheClientsPredictionByPrediction() {
        one.answer = InferResponseBytes.typed("p", new long[] {2, 3}, 0.9f, 0.05f, 0.05f, 0.1f, 0.2f, 0.7f);
        two.answer = InferResponseBytes.raw("p", new long[] {2, 3}, 0.8f, 0.1f, 0.1f, 0.6f, 0.3f, 0.1f);
        install(Optional.of(new Mirror("iris-2", 100)), revision("iris-1", 100, one), revision("iris-2", 0, two));

        for (int i = 0; i < 3; i++) {
            byte[] answer = ClientCalls.blockingUnaryCall(client, GrpcBackend.MODEL_INFER,
                    CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS), new byte[0]);
            assertThat(answer).as("the client's answer is the original's").isEqualTo(one.answer);
        }

        // Row 1 has the same class in both answers, row 2 does not.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(registry.get("mlcycle.router.mirror.predictions").tags("revision", "iris-2", "result",
                    "agreed").counter().count()).isEqualTo(3);
            assertThat(registry.get("mlcycle.router.mirror.predictions").tags("revision", "iris-2", "result",
                    "differed").counter().count()).isEqualTo(3);
        });
    }

    @Test
    void otherServicesAreUnimplemented() {
        install(Optional.empty(), revision("iris-1", 100, one));
        MethodDescriptor<byte[], byte[]> other = GrpcBackend.MODEL_INFER.toBuilder()
                .setFullMethodName("grpc.health.v1.Health/Check").build();

        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> ClientCalls.blockingUnaryCall(client, other, CallOptions.DEFAULT, new byte[0]));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
    }

    @Test
    void channelsOfEndpointsGoneAreClosed() {
        install(Optional.empty(), revision("iris-1", 50, one), revision("iris-2", 50, two));
        call("x", null, new AtomicReference<>());
        call("x", null, new AtomicReference<>());
        assertThat(channels.size()).isEqualTo(2);

        RoutingTable onlyOne = new RoutingTable(List.of(revision("iris-1", 100, one)), Optional.empty());
        router.install(onlyOne);
        channels.retainOnly(onlyOne);

        assertThat(channels.size()).isEqualTo(1);
        assertThat(call("x", null, new AtomicReference<>())).isEqualTo("iris-1:x");
    }

    private void install(Optional<Mirror> mirror, Revision... revisions) {
        router.install(new RoutingTable(List.of(revisions), mirror));
    }

    private static Revision revision(String name, int weight, GrpcBackend backend) {
        return new Revision(name, weight, List.of(new Endpoint("127.0.0.1", Endpoint.NO_PORT, backend.port())));
    }

    private String call(String request, String pinned, AtomicReference<Metadata> responseHeaders) {
        Metadata pin = new Metadata();
        if (pinned != null) {
            pin.put(GrpcHeaders.REVISION, pinned);
        }
        var channel = io.grpc.ClientInterceptors.intercept(client, MetadataUtils.newAttachHeadersInterceptor(pin),
                MetadataUtils.newCaptureMetadataInterceptor(responseHeaders, new AtomicReference<>()));
        byte[] answer = ClientCalls.blockingUnaryCall(channel, GrpcBackend.MODEL_INFER,
                CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS), request.getBytes(StandardCharsets.UTF_8));
        return new String(answer, StandardCharsets.UTF_8);
    }

    private Status failure(String request, String pinned) {
        return catchThrowableOfType(StatusRuntimeException.class,
                () -> call(request, pinned, new AtomicReference<>())).getStatus();
    }
}
