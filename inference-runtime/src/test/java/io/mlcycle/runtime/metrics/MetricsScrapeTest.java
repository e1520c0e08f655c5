package io.mlcycle.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import io.mlcycle.runtime.protocol.grpc.proto.GRPCInferenceServiceGrpc;
import io.mlcycle.runtime.protocol.grpc.proto.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import io.mlcycle.runtime.protocol.grpc.proto.ModelInferRequest;
import io.mlcycle.runtime.protocol.grpc.proto.ModelInferRequest.InferInputTensor;
import io.mlcycle.runtime.protocol.rest.TrainedXgboostModel;
import io.quarkus.grpc.runtime.GrpcServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.value.registry.ValueRegistry;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** After REST and gRPC requests, good and bad, {@code /q/metrics} counts them under the right labels. */
@QuarkusTest
@WithTestResource(TrainedXgboostModel.class)
class MetricsScrapeTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String REQUESTS = "mlcycle_inference_requests_total";

    @TestHTTPResource("/")
    URI base;

    @Inject
    ValueRegistry values;

    @Test
    void requestsBatchesQueueAndLoadTimeAreScrapedWithTheirLabels() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (post("/v2/models/churn/infer", row("FP32")) != 200) {
            assertThat(Instant.now()).as("model served within 60 s").isBefore(deadline);
            Thread.sleep(100);
        }
        Scrape before = scrape();

        assertThat(post("/v2/models/churn/infer", row("FP32"))).isEqualTo(200);
        assertThat(post("/v2/models/churn/versions/3/infer", row("FP32"))).isEqualTo(200);
        assertThat(post("/v2/models/churn/infer", row("FP64"))).isEqualTo(400);
        assertThat(post("/v2/models/churn/infer", "{not json")).isEqualTo(400);
        assertThat(post("/v2/models/made-up/infer", row("FP32"))).isEqualTo(404);
        ManagedChannel channel = ManagedChannelBuilder.forAddress("localhost", values.get(GrpcServer.GRPC_PORT))
                .usePlaintext().build();
        try {
            GRPCInferenceServiceBlockingStub grpc = GRPCInferenceServiceGrpc.newBlockingStub(channel);
            ModelInferRequest good = ModelInferRequest.newBuilder().setModelName("churn")
                    .addInputs(InferInputTensor.newBuilder().setName("input").setDatatype("FP32").addShape(1).addShape(4))
                    .addRawInputContents(ByteString.copyFrom(new byte[16])).build();
            assertThat(grpc.modelInfer(good).getRawOutputContentsCount()).isEqualTo(1);
            ModelInferRequest bad = good.toBuilder().setRawInputContents(0, ByteString.copyFrom(new byte[3])).build();
            try {
                grpc.modelInfer(bad);
            } catch (StatusRuntimeException expected) {
                assertThat(expected.getStatus().getCode().name()).isEqualTo("INVALID_ARGUMENT");
            }
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        Scrape after = scrape();

        Map<String, String> churn = Map.of("model", "churn", "version", "3");
        assertThat(delta(before, after, REQUESTS, with(churn, "protocol", "rest", "code", "200", "outcome", "SUCCESS")))
                .isEqualTo(2);
        assertThat(delta(before, after, REQUESTS, with(churn, "protocol", "rest", "code", "400",
                "outcome", "CLIENT_ERROR"))).as("refused by the model's signature, and unreadable").isEqualTo(2);
        assertThat(delta(before, after, REQUESTS, Map.of("model", "unknown", "version", "unknown", "protocol", "rest",
                "code", "404"))).isEqualTo(1);
        assertThat(delta(before, after, REQUESTS, with(churn, "protocol", "grpc", "code", "OK", "outcome", "SUCCESS")))
                .isEqualTo(1);
        assertThat(delta(before, after, REQUESTS, with(churn, "protocol", "grpc", "code", "INVALID_ARGUMENT",
                "outcome", "CLIENT_ERROR"))).isEqualTo(1);

        assertThat(delta(before, after, "mlcycle_inference_request_duration_seconds_count",
                with(churn, "protocol", "rest"))).isEqualTo(4);
        assertThat(after.has("mlcycle_inference_request_duration_seconds_bucket",
                with(churn, "protocol", "grpc", "le", "+Inf"))).isTrue();
        assertThat(delta(before, after, "mlcycle_batch_size_count", churn)).as("engine calls").isBetween(1.0, 3.0);
        assertThat(delta(before, after, "mlcycle_batch_size_sum", churn)).as("rows").isEqualTo(3);
        assertThat(delta(before, after, "mlcycle_engine_call_duration_seconds_count", churn)).as("timed engine calls")
                .isEqualTo(delta(before, after, "mlcycle_batch_size_count", churn));
        assertThat(delta(before, after, "mlcycle_engine_call_duration_seconds_sum", churn)).isPositive();
        assertThat(after.has("mlcycle_engine_call_duration_seconds_bucket", with(churn, "le", "+Inf"))).isTrue();
        assertThat(after.has("mlcycle_batch_size_bucket", with(churn, "le", "8.0"))).isTrue();
        assertThat(after.has("mlcycle_queue_depth", churn)).isTrue();
        assertThat(after.has("mlcycle_inference_in_flight", Map.of())).isTrue();
        assertThat(after.value("mlcycle_inference_in_flight", Map.of())).as("every answered request left the count, "
                + "successes, refusals and the unknown model alike").isZero();
        for (String phase : new String[] {"fetch", "load", "warmup"}) {
            assertThat(after.has("mlcycle_model_load_duration_seconds", with(churn, "phase", phase))).isTrue();
        }
    }

    private static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> labels = new HashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            labels.put(pairs[i], pairs[i + 1]);
        }
        return labels;
    }

    private static double delta(Scrape before, Scrape after, String name, Map<String, String> labels) {
        return after.value(name, labels) - before.value(name, labels);
    }

    private static String row(String datatype) {
        return "{\"inputs\": [{\"name\": \"input\", \"datatype\": \"" + datatype + "\", \"shape\": [1, 4],"
                + " \"data\": [0.5, -1, 2, 0]}]}";
    }

    private int post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private Scrape scrape() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base.resolve("/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return new Scrape(response.body());
    }
}
