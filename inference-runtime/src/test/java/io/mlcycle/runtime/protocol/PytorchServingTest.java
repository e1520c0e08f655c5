package io.mlcycle.runtime.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mlcycle.runtime.engine.DjlTrainedMlp;
import io.mlcycle.runtime.protocol.grpc.proto.GRPCInferenceServiceGrpc;
import io.mlcycle.runtime.protocol.grpc.proto.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import io.mlcycle.runtime.protocol.grpc.proto.ModelInferRequest;
import io.mlcycle.runtime.protocol.grpc.proto.ModelInferRequest.InferInputTensor;
import io.mlcycle.runtime.protocol.grpc.proto.ModelInferResponse;
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
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The server with the PyTorch engine: the built-in MLP trained with DJL, served over REST and gRPC (raw contents),
 * batched under concurrency, answering DJL's own numbers, and refusing a wrong shape with the expected one.
 */
@QuarkusTest
@WithTestResource(TrainedDjlMlp.class)
class PytorchServingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URI rest;

    @Inject
    ValueRegistry values;

    @ConfigProperty(name = TrainedDjlMlp.EXPECTED)
    String expectedFile;

    private float[] expected;

    @BeforeEach
    void awaitReady() throws Exception {
        JsonNode node = JSON.readTree(Path.of(expectedFile).toFile()).get("outputs");
        expected = new float[node.size()];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (float) node.get(i).asDouble();
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (get("/v2/health/ready").statusCode() != 200) {
            assertThat(Instant.now()).as("ready within 60 s").isBefore(deadline);
            Thread.sleep(200);
        }
    }

    @Test
    void metadataNamesThePytorchPlatformAndTheArchitecturesSignature() throws Exception {
        JsonNode metadata = JSON.readTree(get("/v2/models/blobs").body());
        assertThat(metadata.get("platform").asText()).isEqualTo("pytorch_torchscript");
        assertThat(metadata.get("inputs").get(0).get("shape").toString()).isEqualTo("[-1,4]");
        assertThat(metadata.get("outputs").get(0).get("shape").toString()).isEqualTo("[-1,3]");
    }

    @Test
    void restAnswersEqualDjlsOwnPredictionsAlsoWhenRequestsAreBatched() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> replies = new ArrayList<>();
        for (int row = 0; row < DjlTrainedMlp.PROBE_ROWS; row++) {
            replies.add(HTTP.sendAsync(post("/v2/models/blobs/infer", request(row)),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (int row = 0; row < DjlTrainedMlp.PROBE_ROWS; row++) {
            HttpResponse<String> reply = replies.get(row).get(30, TimeUnit.SECONDS);
            assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
            JsonNode output = JSON.readTree(reply.body()).get("outputs").get(0);
            assertThat(output.get("shape").toString()).isEqualTo("[1,3]");
            for (int c = 0; c < 3; c++) {
                // Batched or not, the engine may sum in another order: equal to DJL's own numbers within float noise.
                assertThat((float) output.get("data").get(c).asDouble()).as("row %d class %d", row, c)
                        .isCloseTo(expected[row * 3 + c], within(1e-5f));
            }
        }
    }

    @Test
    void grpcRawContentsAnswerDjlsOwnPredictions() {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("localhost", values.get(GrpcServer.GRPC_PORT))
                .usePlaintext().build();
        try {
            GRPCInferenceServiceBlockingStub grpc = GRPCInferenceServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(30, TimeUnit.SECONDS);
            ByteBuffer raw = ByteBuffer.allocate(DjlTrainedMlp.PROBE.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (float value : DjlTrainedMlp.PROBE) {
                raw.putFloat(value);
            }
            ModelInferResponse response = grpc.modelInfer(ModelInferRequest.newBuilder().setModelName("blobs")
                    .addInputs(InferInputTensor.newBuilder().setName("input").setDatatype("FP32")
                            .addShape(DjlTrainedMlp.PROBE_ROWS).addShape(DjlTrainedMlp.FEATURES))
                    .addRawInputContents(ByteString.copyFrom(raw.array())).build());
            assertThat(response.getOutputs(0).getShapeList()).containsExactly(3L, 3L);
            ByteBuffer answer = response.getRawOutputContents(0).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            float[] values = new float[9];
            answer.asFloatBuffer().get(values);
            assertThat(values).containsExactly(expected, within(1e-5f));

            StatusRuntimeException wrongShape = catchThrowableOfType(StatusRuntimeException.class,
                    () -> grpc.modelInfer(ModelInferRequest.newBuilder().setModelName("blobs")
                            .addInputs(InferInputTensor.newBuilder().setName("input").setDatatype("FP32")
                                    .addShape(1).addShape(3))
                            .addRawInputContents(ByteString.copyFrom(new byte[12])).build()));
            assertThat(wrongShape.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(wrongShape.getStatus().getDescription()).contains("expects [-1, 4]");
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void aWrongShapeGetsA400NamingTheExpectedShapeAndServingGoesOn() throws Exception {
        HttpResponse<String> bad = HTTP.send(post("/v2/models/blobs/infer", "{\"inputs\": [{\"name\": \"input\", "
                + "\"datatype\": \"FP32\", \"shape\": [1, 5], \"data\": [1, 2, 3, 4, 5]}]}"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).get("error").asText()).contains("expects [-1, 4]");
        HttpResponse<String> good = HTTP.send(post("/v2/models/blobs/infer", request(0)),
                HttpResponse.BodyHandlers.ofString());
        assertThat(good.statusCode()).isEqualTo(200);
    }

    private static String request(int row) {
        StringBuilder data = new StringBuilder();
        for (int f = 0; f < DjlTrainedMlp.FEATURES; f++) {
            data.append(f == 0 ? "" : ", ").append(DjlTrainedMlp.PROBE[row * DjlTrainedMlp.FEATURES + f]);
        }
        return "{\"inputs\": [{\"name\": \"input\", \"datatype\": \"FP32\", \"shape\": [1, 4], \"data\": [" + data
                + "]}]}";
    }

    private HttpRequest post(String path, String body) {
        return HttpRequest.newBuilder(rest.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(rest.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
