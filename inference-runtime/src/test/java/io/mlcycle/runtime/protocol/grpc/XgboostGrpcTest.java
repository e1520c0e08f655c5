package io.mlcycle.runtime.protocol.grpc;

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
import io.mlcycle.runtime.protocol.grpc.proto.GRPCInferenceServiceGrpc;
import io.mlcycle.runtime.protocol.grpc.proto.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import io.mlcycle.runtime.protocol.grpc.proto.InferTensorContents;
import io.mlcycle.runtime.protocol.grpc.proto.ModelInferRequest;
import io.mlcycle.runtime.protocol.grpc.proto.ModelInferRequest.InferInputTensor;
import io.mlcycle.runtime.protocol.grpc.proto.ModelInferResponse;
import io.mlcycle.runtime.protocol.grpc.proto.ModelMetadataRequest;
import io.mlcycle.runtime.protocol.grpc.proto.ModelMetadataResponse;
import io.mlcycle.runtime.protocol.grpc.proto.ModelReadyRequest;
import io.mlcycle.runtime.protocol.grpc.proto.ServerLiveRequest;
import io.mlcycle.runtime.protocol.grpc.proto.ServerMetadataRequest;
import io.mlcycle.runtime.protocol.grpc.proto.ServerReadyRequest;
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
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A grpc-java client, generated from the same proto, against the real server on a random port: the same XGBoost
 * model as the REST test, typed and raw contents, answers equal to REST's and xgboost4j's, and the right statuses.
 */
@QuarkusTest
@WithTestResource(TrainedXgboostModel.class)
class XgboostGrpcTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ValueRegistry values;

    @TestHTTPResource("/")
    URI rest;

    @ConfigProperty(name = "test.expected-predictions")
    String expectedFile;

    private ManagedChannel channel;
    private GRPCInferenceServiceBlockingStub grpc;
    private JsonNode expected;

    @BeforeEach
    void connect() throws Exception {
        int port = values.get(GrpcServer.GRPC_PORT);
        channel = ManagedChannelBuilder.forAddress("localhost", port).usePlaintext().build();
        grpc = GRPCInferenceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!grpc.serverReady(ServerReadyRequest.getDefaultInstance()).getReady()) {
            assertThat(Instant.now()).as("server ready within 60 s").isBefore(deadline);
            Thread.sleep(100);
        }
        expected = JSON.readTree(Path.of(expectedFile).toFile());
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void healthAndMetadataDescribeTheServedModel() {
        assertThat(grpc.serverLive(ServerLiveRequest.getDefaultInstance()).getLive()).isTrue();
        assertThat(grpc.serverMetadata(ServerMetadataRequest.getDefaultInstance()).getName()).isEqualTo("mlcycle");
        assertThat(grpc.modelReady(ModelReadyRequest.newBuilder().setName("churn").build()).getReady()).isTrue();
        assertThat(grpc.modelReady(ModelReadyRequest.newBuilder().setName("churn").setVersion("3").build())
                .getReady()).isTrue();

        ModelMetadataResponse model = grpc.modelMetadata(ModelMetadataRequest.newBuilder().setName("churn").build());
        assertThat(model.getPlatform()).isEqualTo("xgboost_json");
        assertThat(model.getVersionsList()).containsExactly("3");
        assertThat(model.getInputs(0).getName()).isEqualTo("input");
        assertThat(model.getInputs(0).getDatatype()).isEqualTo("FP32");
        assertThat(model.getInputs(0).getShapeList()).containsExactly(-1L, 4L);
        assertThat(model.getOutputs(0).getName()).isEqualTo("output");
        assertThat(model.getOutputs(0).getShapeList()).containsExactly(-1L);
    }

    @Test
    void typedAndRawContentsGiveTheAnswersRestAndXgboost4jGive() throws Exception {
        int rows = expected.get("rows").asInt();
        float[] data = new float[rows * 4];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) expected.get("data").get(i).asDouble();
        }
        JsonNode restOutput = restPrediction(rows);

        InferTensorContents.Builder typed = InferTensorContents.newBuilder();
        for (float v : data) {
            typed.addFp32Contents(v);
        }
        ModelInferResponse typedReply = grpc.modelInfer(ModelInferRequest.newBuilder().setModelName("churn")
                .setId("grpc-1").addInputs(input("FP32", rows, 4).setContents(typed)).build());
        assertThat(typedReply.getModelName()).isEqualTo("churn");
        assertThat(typedReply.getModelVersion()).isEqualTo("3");
        assertThat(typedReply.getId()).isEqualTo("grpc-1");
        assertThat(typedReply.getRawOutputContentsCount()).as("typed in, typed out").isZero();
        assertThat(typedReply.getOutputs(0).getName()).isEqualTo("output");
        assertThat(typedReply.getOutputs(0).getDatatype()).isEqualTo("FP32");
        assertThat(typedReply.getOutputs(0).getShapeList()).containsExactly((long) rows);

        ByteBuffer raw = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(data);
        ModelInferResponse rawReply = grpc.modelInfer(ModelInferRequest.newBuilder().setModelName("churn")
                .setModelVersion("3").addInputs(input("FP32", rows, 4)).addRawInputContents(ByteString.copyFrom(raw.array()))
                .build());
        assertThat(rawReply.getOutputs(0).hasContents()).as("raw in, raw out").isFalse();
        FloatBuffer rawOutput = rawReply.getRawOutputContents(0).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN)
                .asFloatBuffer();
        assertThat(rawOutput.remaining()).isEqualTo(rows);

        for (int r = 0; r < rows; r++) {
            double truth = expected.get("predictions").get(r).asDouble();
            assertThat(restOutput.get(r).asDouble()).isCloseTo(truth, within(1e-6));
            float restValue = (float) restOutput.get(r).asDouble();
            assertThat(typedReply.getOutputs(0).getContents().getFp32Contents(r)).isEqualTo(restValue);
            assertThat(rawOutput.get(r)).isEqualTo(restValue);
        }
    }

    @Test
    void badRequestsGetTheRightStatusNamingTheProblemAndTheServerKeepsServing() {
        InferTensorContents four = InferTensorContents.newBuilder().addFp32Contents(1).addFp32Contents(2)
                .addFp32Contents(3).addFp32Contents(4).build();
        assertStatus(Status.Code.INVALID_ARGUMENT, "input 'input': unknown datatype 'FP31'",
                g -> g.modelInfer(infer("churn", input("FP31", 1, 4).setContents(four))));
        assertStatus(Status.Code.INVALID_ARGUMENT, "input 'input': shape [2, 4] needs 8 values, fp32_contents has 4",
                g -> g.modelInfer(infer("churn", input("FP32", 2, 4).setContents(four))));
        assertStatus(Status.Code.INVALID_ARGUMENT, "input 'input' has datatype FP64 but model 'churn' expects FP32",
                g -> g.modelInfer(infer("churn", input("FP64", 1, 4).setContents(InferTensorContents.newBuilder()
                        .addFp64Contents(1).addFp64Contents(2).addFp64Contents(3).addFp64Contents(4)))));
        assertStatus(Status.Code.INVALID_ARGUMENT, "input 'input' has shape [2, 2] but model 'churn' expects [-1, 4]",
                g -> g.modelInfer(infer("churn", input("FP32", 2, 2).setContents(four))));
        assertStatus(Status.Code.INVALID_ARGUMENT, "input 'input': shape [1, 4] of FP32 needs 16 bytes of raw "
                + "contents, got 3", g -> g.modelInfer(ModelInferRequest.newBuilder().setModelName("churn")
                        .addInputs(input("FP32", 1, 4)).addRawInputContents(ByteString.copyFrom(new byte[3])).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "unknown input 'x'", g -> g.modelInfer(infer("churn",
                input("FP32", 1, 4).setName("x").setContents(four))));
        assertStatus(Status.Code.NOT_FOUND, "unknown model 'nope'",
                g -> g.modelInfer(infer("nope", input("FP32", 1, 4).setContents(four))));
        assertStatus(Status.Code.NOT_FOUND, "model 'churn' has no version '9'",
                g -> g.modelInfer(infer("churn", input("FP32", 1, 4).setContents(four)).toBuilder()
                        .setModelVersion("9").build()));
        assertStatus(Status.Code.NOT_FOUND, "unknown model 'nope'",
                g -> g.modelReady(ModelReadyRequest.newBuilder().setName("nope").build()));
        assertStatus(Status.Code.NOT_FOUND, "unknown model 'nope'",
                g -> g.modelMetadata(ModelMetadataRequest.newBuilder().setName("nope").build()));

        ModelInferResponse after = grpc.modelInfer(infer("churn", input("FP32", 1, 4).setContents(four)));
        assertThat(after.getOutputs(0).getContents().getFp32ContentsCount()).isEqualTo(1);
    }

    private static InferInputTensor.Builder input(String datatype, long rows, long cols) {
        return InferInputTensor.newBuilder().setName("input").setDatatype(datatype).addShape(rows).addShape(cols);
    }

    private static ModelInferRequest infer(String model, InferInputTensor.Builder input) {
        return ModelInferRequest.newBuilder().setModelName(model).addInputs(input).build();
    }

    private void assertStatus(Status.Code code, String fragment, Consumer<GRPCInferenceServiceBlockingStub> call) {
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class, () -> call.accept(grpc));
        assertThat(error).as("expected " + code + " containing: " + fragment).isNotNull();
        assertThat(error.getStatus().getCode()).as(error.getStatus().toString()).isEqualTo(code);
        assertThat(error.getStatus().getDescription()).contains(fragment);
    }

    private JsonNode restPrediction(int rows) throws Exception {
        String body = "{\"inputs\": [{\"name\": \"input\", \"datatype\": \"FP32\", \"shape\": [" + rows + ", 4], "
                + "\"data\": " + expected.get("data") + "}]}";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                rest.resolve("/v2/models/churn/infer")).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("outputs").get(0).get("data");
    }
}
