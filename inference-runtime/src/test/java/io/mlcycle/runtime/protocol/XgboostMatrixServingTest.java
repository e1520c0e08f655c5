package io.mlcycle.runtime.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.mlcycle.runtime.engine.LoadedModel;
import io.mlcycle.runtime.engine.ModelLoader;
import io.mlcycle.runtime.engine.ModelManifest;
import io.mlcycle.runtime.engine.XgboostWriters;
import io.mlcycle.runtime.engine.XgboostWriters.WrittenModel;
import io.mlcycle.runtime.protocol.grpc.proto.GRPCInferenceServiceGrpc;
import io.mlcycle.runtime.protocol.grpc.proto.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import io.mlcycle.runtime.protocol.grpc.proto.InferTensorContents;
import io.mlcycle.runtime.protocol.grpc.proto.ModelInferRequest;
import io.mlcycle.runtime.protocol.grpc.proto.ModelInferRequest.InferInputTensor;
import io.mlcycle.runtime.protocol.grpc.proto.ModelInferResponse;
import io.mlcycle.runtime.protocol.rest.TrainedXgboostModel;
import io.mlcycle.runtime.registry.ModelRegistry;
import io.mlcycle.runtime.serving.ModelServer;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The XGBoost matrix over the wire: every JSON and UBJSON model each XGBoost release (Python, xgboost4j) wrote is served by the
 * running server (model = the case, version = release and format; warm-up checks the writer's golden examples) and
 * asked over REST (JSON, NaN for missing) and gRPC (typed contents); both answer as the writer did, within 1e-6
 * relative or 1 ulp.
 */
@QuarkusTest
@WithTestResource(TrainedXgboostModel.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class XgboostMatrixServingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URI rest;

    @Inject
    ValueRegistry values;

    @Inject
    ModelServer server;

    @Inject
    ModelLoader loader;

    @Inject
    ModelRegistry registry;

    private ManagedChannel channel;
    private GRPCInferenceServiceBlockingStub grpc;
    private final List<WrittenModel> served = new ArrayList<>();

    @BeforeAll
    void serveTheMatrix() throws Exception {
        channel = ManagedChannelBuilder.forAddress("localhost", values.get(GrpcServer.GRPC_PORT)).usePlaintext()
                .build();
        grpc = GRPCInferenceServiceGrpc.newBlockingStub(channel);
        Path root = Files.createTempDirectory("mlcycle-xgb-matrix-");
        for (XgboostWriters.Writer writer : XgboostWriters.ALL) {
            for (WrittenModel written : XgboostWriters.models(writer)) {
                if (written.format().equals("bst")) {
                    continue; // refused at load: XgboostMatrixTest
                }
                Path dir = Files.createDirectories(root.resolve(version(written)).resolve(written.modelCase()));
                Files.copy(written.file(), dir.resolve(written.file().getFileName()));
                // With the writer's golden examples, so serving also checks them at warm-up.
                Files.copy(written.file().resolveSibling(ModelManifest.FILE_NAME), dir.resolve(ModelManifest.FILE_NAME));
                LoadedModel model = loader.load(written.modelCase(), version(written), dir,
                        new ModelLoader.Options(Optional.empty(), 1, 1));
                assertThat(model.manifest().examples()).as(written + " golden examples").isPresent();
                server.serve(model);
                served.add(written);
            }
        }
        assertThat(served).hasSize((XgboostWriters.PYTHON.size() * 6 + XgboostWriters.JVM.size() * 5) * 2);
    }

    @AfterAll
    void disconnectAndStopServingTheMatrix() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        // The application is shared with the other tests of this resource: leave it serving only its own model.
        for (WrittenModel written : served) {
            registry.unregister(written.modelCase(), version(written)).ifPresent(LoadedModel::close);
        }
    }

    private static String version(WrittenModel written) {
        return written.writer().label() + "-" + written.format();
    }

    @TestFactory
    Stream<DynamicTest> restAnswersAsEachWriterDid() {
        return served.stream().map(written -> DynamicTest.dynamicTest(written.toString(), () -> {
            String data = IntStream.range(0, written.data().length).mapToObj(i -> Float.toString(written.data()[i]))
                    .collect(Collectors.joining(", "));
            String body = "{\"inputs\": [{\"name\": \"input\", \"datatype\": \"FP32\", \"shape\": [" + written.rows()
                    + ", " + written.features() + "], \"data\": [" + data + "]}]}";
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(rest.resolve("/v2/models/"
                    + written.modelCase() + "/versions/" + version(written) + "/infer"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode output = JSON.readTree(response.body()).get("outputs").get(0);
            assertThat(JSON.convertValue(output.get("shape"), long[].class)).containsExactly(written.shape());
            float[] answers = JSON.convertValue(output.get("data"), float[].class);
            written.assertAnswers(answers);
        }));
    }

    @TestFactory
    Stream<DynamicTest> grpcAnswersAsEachWriterDid() {
        return served.stream().map(written -> DynamicTest.dynamicTest(written.toString(), () -> {
            InferTensorContents.Builder contents = InferTensorContents.newBuilder();
            for (float value : written.data()) {
                contents.addFp32Contents(value);
            }
            ModelInferResponse response = grpc.withDeadlineAfter(30, TimeUnit.SECONDS).modelInfer(
                    ModelInferRequest.newBuilder().setModelName(written.modelCase()).setModelVersion(version(written))
                            .addInputs(InferInputTensor.newBuilder().setName("input").setDatatype("FP32")
                                    .addShape(written.rows()).addShape(written.features()).setContents(contents))
                            .build());
            assertThat(response.getOutputs(0).getShapeList()).containsExactlyElementsOf(
                    Arrays.stream(written.shape()).boxed().toList());
            List<Float> values = response.getOutputs(0).getContents().getFp32ContentsList();
            float[] answers = new float[values.size()];
            for (int i = 0; i < answers.length; i++) {
                answers[i] = values.get(i);
            }
            written.assertAnswers(answers);
        }));
    }
}
