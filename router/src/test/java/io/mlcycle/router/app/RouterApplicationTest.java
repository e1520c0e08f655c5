package io.mlcycle.router.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.mlcycle.router.app.RouterBeans.TableInstaller;
import io.mlcycle.router.routing.Endpoint;
import io.mlcycle.router.routing.Mirror;
import io.mlcycle.router.routing.Revision;
import io.mlcycle.router.routing.RoutingTable;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The application's wiring: the proxy on Quarkus's HTTP server for /v2 only, the gRPC server started with it,
 * readiness and the meters on /q/metrics. The Kubernetes watch is off here (KubernetesTrafficSourceTest covers it).
 */
@QuarkusTest
class RouterApplicationTest {

    @TestHTTPResource("/")
    URI root;
    @Inject
    TableInstaller installer;
    @Inject
    GrpcLifecycle grpc;
    @Inject
    Vertx vertx;

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void forwardsOipPathsAndServesItsOwnHealthAndMetrics() throws Exception {
        HttpServer backend = vertx.createHttpServer().requestHandler(request -> request.response()
                .end("{\"from\":\"backend\"}")).listen(0).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        try {
            installer.accept(new RoutingTable(List.of(new Revision("iris-1", 100,
                    List.of(new Endpoint("127.0.0.1", backend.actualPort(), Endpoint.NO_PORT)))),
                    Optional.of(new Mirror("iris-1", 0))));

            HttpResponse<String> inferred = get("/v2/models/iris");
            assertThat(inferred.statusCode()).isEqualTo(200);
            assertThat(inferred.body()).isEqualTo("{\"from\":\"backend\"}");
            assertThat(inferred.headers().firstValue("x-mlcycle-revision")).contains("iris-1");

            assertThat(get("/q/health/ready").body()).contains("traffic-watch").contains("\"UP\"");
            // The REST answer is counted once fully written, which may be just after the client has read it.
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(get("/q/metrics").body()).contains("mlcycle_router_requests_total{code=\"200\",protocol=\"rest\",revision=\"iris-1\"}")
                    .contains("mlcycle_router_request_seconds_bucket{")
                    .contains("mlcycle_router_weight{revision=\"iris-1\"} 100.0")
                    .contains("mlcycle_router_ready_endpoints{revision=\"iris-1\"} 1.0")
                    .contains("mlcycle_router_config_errors_total 0.0")
                    // Quarkus's own per-request HTTP server meters are off.
                    .doesNotContain("http_server_requests_seconds"));
        } finally {
            backend.close();
            installer.accept(RoutingTable.EMPTY);
        }
    }

    @Test
    void theGrpcServerRunsBesideIt() throws Exception {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", grpc.port()).usePlaintext().build();
        try {
            var method = io.grpc.MethodDescriptor.<byte[], byte[]>newBuilder()
                    .setRequestMarshaller(new Bytes()).setResponseMarshaller(new Bytes())
                    .setFullMethodName("inference.GRPCInferenceService/ServerLive")
                    .setType(io.grpc.MethodDescriptor.MethodType.UNARY).build();
            StatusRuntimeException error = org.assertj.core.api.Assertions.catchThrowableOfType(
                    StatusRuntimeException.class, () -> io.grpc.stub.ClientCalls.blockingUnaryCall(channel, method,
                            io.grpc.CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS), new byte[0]));
            assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(error.getStatus().getDescription()).isEqualTo("no revision has traffic");
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(root.resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Messages as bytes, for a client that never decodes them. */
    private static final class Bytes implements io.grpc.MethodDescriptor.Marshaller<byte[]> {

        @Override
        public java.io.InputStream stream(byte[] value) {
            return new java.io.ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(java.io.InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
