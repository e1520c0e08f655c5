package io.mlcycle.runtime.protocol.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * The real server on a random port, serving an XGBoost model trained by xgboost4j in the test resource and
 * fetched as a verified .tar.gz artifact: OIP answers must equal xgboost4j's own predictions.
 */
@QuarkusTest
@WithTestResource(TrainedXgboostModel.class)
class XgboostRestTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URI base;

    @ConfigProperty(name = TrainedXgboostModel.EXPECTED_FILE)
    String expectedFile;

    /** An HTTP status with its parsed JSON body. */
    record Reply(int status, JsonNode body) {
    }

    @BeforeEach
    void waitUntilReady() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (get("/v2/health/ready").status() != 200) {
            assertThat(Instant.now()).as("server ready within 60 s").isBefore(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    void healthAndMetadataDescribeTheServedModel() throws Exception {
        assertThat(get("/v2/health/live").body().get("live").asBoolean()).isTrue();
        assertThat(get("/v2/health/ready").body().get("ready").asBoolean()).isTrue();
        assertThat(get("/v2").body().get("name").asText()).isEqualTo("mlcycle");

        Reply model = get("/v2/models/churn");
        assertThat(model.status()).isEqualTo(200);
        assertThat(model.body().get("platform").asText()).isEqualTo("xgboost_json");
        assertThat(model.body().get("versions").toString()).isEqualTo("[\"3\"]");
        assertThat(model.body().get("inputs").toString())
                .isEqualTo("[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[-1,4]}]");
        assertThat(model.body().get("outputs").toString())
                .isEqualTo("[{\"name\":\"output\",\"datatype\":\"FP32\",\"shape\":[-1]}]");
        assertThat(get("/v2/models/churn/versions/3").status()).isEqualTo(200);
        assertThat(get("/v2/models/churn/ready").body().get("ready").asBoolean()).isTrue();
        assertThat(get("/v2/models/churn/versions/3/ready").status()).isEqualTo(200);
    }

    @Test
    void predictionsEqualXgboost4js() throws Exception {
        JsonNode expected = JSON.readTree(Path.of(expectedFile).toFile());
        int rows = expected.get("rows").asInt();
        String request = "{\"id\": \"req-1\", \"inputs\": [{\"name\": \"input\", \"datatype\": \"FP32\", \"shape\": ["
                + rows + ", 4], \"data\": " + expected.get("data") + "}]}";

        for (String path : new String[] {"/v2/models/churn/infer", "/v2/models/churn/versions/3/infer"}) {
            Reply reply = post(path, request);
            assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
            assertThat(reply.body().get("model_name").asText()).isEqualTo("churn");
            assertThat(reply.body().get("model_version").asText()).isEqualTo("3");
            assertThat(reply.body().get("id").asText()).isEqualTo("req-1");
            JsonNode output = reply.body().get("outputs").get(0);
            assertThat(output.get("name").asText()).isEqualTo("output");
            assertThat(output.get("datatype").asText()).isEqualTo("FP32");
            assertThat(output.get("shape").toString()).isEqualTo("[" + rows + "]");
            for (int r = 0; r < rows; r++) {
                assertThat(output.get("data").get(r).asDouble())
                        .isCloseTo(expected.get("predictions").get(r).asDouble(), within(1e-6));
            }
        }
    }

    @Test
    void concurrentRequestsAreBatchedAndEachGetsItsOwnPrediction() throws Exception {
        JsonNode expected = JSON.readTree(Path.of(expectedFile).toFile());
        int rows = expected.get("rows").asInt();
        List<CompletableFuture<HttpResponse<String>>> replies = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int row = i % rows;
            StringBuilder data = new StringBuilder();
            for (int f = 0; f < TrainedXgboostModel.FEATURES; f++) {
                data.append(f == 0 ? "" : ", ").append(expected.get("data").get(row * TrainedXgboostModel.FEATURES + f));
            }
            replies.add(HTTP.sendAsync(HttpRequest.newBuilder(base.resolve("/v2/models/churn/infer"))
                    .POST(HttpRequest.BodyPublishers.ofString(input("FP32", "[1, 4]", "[" + data + "]"))).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (int i = 0; i < replies.size(); i++) {
            HttpResponse<String> reply = replies.get(i).get(30, TimeUnit.SECONDS);
            assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
            JsonNode output = JSON.readTree(reply.body()).get("outputs").get(0);
            assertThat(output.get("shape").toString()).isEqualTo("[1]");
            assertThat(output.get("data").get(0).asDouble())
                    .isCloseTo(expected.get("predictions").get(i % rows).asDouble(), within(1e-6));
        }
    }

    /** Bodies over 64 KiB are decoded on a worker, not the event loop: same answers, same errors. */
    @Test
    void largeBodiesAreAnsweredLikeSmallOnes() throws Exception {
        JsonNode expected = JSON.readTree(Path.of(expectedFile).toFile());
        int rows = expected.get("rows").asInt();
        int copies = 2000 / rows + 1;
        StringBuilder data = new StringBuilder();
        for (int c = 0; c < copies; c++) {
            for (JsonNode value : expected.get("data")) {
                data.append(data.length() == 0 ? "" : ", ").append(value.asText());
            }
        }
        String request = input("FP32", "[" + rows * copies + ", 4]", "[" + data + "]");
        assertThat(request.length()).as("over the event loop's 64 KiB").isGreaterThan(64 * 1024);

        Reply reply = post("/v2/models/churn/infer", request);
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
        JsonNode output = reply.body().get("outputs").get(0);
        assertThat(output.get("shape").toString()).isEqualTo("[" + rows * copies + "]");
        for (int r = 0; r < rows * copies; r++) {
            assertThat(output.get("data").get(r).asDouble()).as("row %d", r)
                    .isCloseTo(expected.get("predictions").get(r % rows).asDouble(), within(1e-6));
        }
        String oneShort = input("FP32", "[" + (rows * copies + 1) + ", 4]", "[" + data + "]");
        assertError(post("/v2/models/churn/infer", oneShort), 400, "data has " + rows * copies * 4);
    }

    @Test
    void nestedDataAndRequestedOutputsWork() throws Exception {
        Reply reply = post("/v2/models/churn/infer", "{\"inputs\": [{\"name\": \"input\", \"datatype\": \"FP32\","
                + " \"shape\": [2, 4], \"data\": [[0.1, 0.2, 0.3, 0.4], [1, -1, 0.5, 2]]}],"
                + " \"outputs\": [{\"name\": \"output\"}]}");
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
        assertThat(reply.body().get("outputs").get(0).get("data").size()).isEqualTo(2);
    }

    @Test
    void badRequestsGetA4xxNamingTheProblemAndTheServerKeepsServing() throws Exception {
        String infer = "/v2/models/churn/infer";
        assertError(post(infer, "{not json"), 400, "not valid JSON");
        assertError(post(infer, "{}"), 400, "'inputs'");
        assertError(post(infer, input("FP31", "[1, 4]", "[1, 2, 3, 4]")), 400, "unknown datatype 'FP31'");
        assertError(post(infer, input("FP32", "[2, 4]", "[1, 2, 3, 4]")), 400, "needs 8 values, data has 4");
        assertError(post(infer, input("FP64", "[1, 4]", "[1, 2, 3, 4]")), 400, "expects FP32");
        assertError(post(infer, input("FP32", "[1, 3]", "[1, 2, 3]")), 400, "expects [-1, 4]");
        assertError(post(infer, input("FP32", "[1, 4]", "[1, \"two\", 3, 4]")), 400, "expected a number");
        assertError(post(infer, "{\"inputs\": [{\"name\": \"x\", \"datatype\": \"FP32\", \"shape\": [1, 4],"
                + " \"data\": [1, 2, 3, 4]}]}"), 400, "unknown input 'x'");
        assertError(post(infer, "{\"inputs\": [{\"name\": \"input\", \"datatype\": \"FP32\", \"shape\": [1, 4],"
                + " \"data\": [1, 2, 3, 4]}], \"outputs\": [{\"name\": \"proba\"}]}"), 400, "unknown output 'proba'");
        assertError(post("/v2/models/nope/infer", input("FP32", "[1, 4]", "[1, 2, 3, 4]")), 404, "unknown model 'nope'");
        assertError(post("/v2/models/churn/versions/9/infer", input("FP32", "[1, 4]", "[1, 2, 3, 4]")), 404,
                "no version '9'");
        assertError(get("/v2/models/nope"), 404, "unknown model");
        assertError(get("/v2/nothing/here"), 404, "no such endpoint");
        String one = input("FP32", "[1, 4]", "[1, 2, 3, 4]");
        assertError(postWithHeader(infer, one, "Inference-Header-Content-Length", "abc"), 400,
                "Inference-Header-Content-Length must be the JSON header's length in bytes, got 'abc'");
        assertError(postWithHeader(infer, one, "Inference-Header-Content-Length", "-1"), 400,
                "Inference-Header-Content-Length is -1 but the body has");
        assertError(postWithHeader(infer, one, "Inference-Header-Content-Length", "10"), 400, "not valid JSON");
        // Zero rows fit [-1, 4]: an empty answer, not an engine error.
        Reply empty = post(infer, input("FP32", "[0, 4]", "[]"));
        assertThat(empty.status()).as(String.valueOf(empty.body())).isEqualTo(200);
        assertThat(empty.body().at("/outputs/0/shape/0").asInt()).isZero();
        String huge = input("FP32", "[1, 4]", "[1, 2, 3, 4" + ", 0".repeat(100_000) + "]");
        assertError(post(infer, huge), 413, "larger than 262144 bytes");

        Reply after = post(infer, input("FP32", "[1, 4]", "[1, 2, 3, 4]"));
        assertThat(after.status()).isEqualTo(200);
        assertThat(get("/v2/health/ready").status()).isEqualTo(200);
    }

    private static String input(String datatype, String shape, String data) {
        return "{\"inputs\": [{\"name\": \"input\", \"datatype\": \"" + datatype + "\", \"shape\": " + shape
                + ", \"data\": " + data + "}]}";
    }

    private static void assertError(Reply reply, int status, String fragment) {
        assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(status);
        assertThat(reply.body().get("error").asText()).contains(fragment);
    }

    private Reply postWithHeader(String path, String body, String header, String value)
            throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .header(header, value).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private Reply get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET().build());
    }

    private Reply post(String path, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static Reply send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        return new Reply(response.statusCode(), body);
    }
}
