package io.mlcycle.runtime.protocol.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The drift profile over REST: what two inference requests leave in the window, and reading it with a reset. */
@QuarkusTest
@WithTestResource(TrainedXgboostModel.class)
class DriftProfileRestTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URI base;

    @BeforeEach
    void waitUntilReady() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (send("GET", "/v2/health/ready", null).statusCode() != 200) {
            assertThat(Instant.now()).as("server ready within 60 s").isBefore(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    void profileCountsTheWindowsTrafficAndResetStartsANewWindow() throws Exception {
        send("POST", "/v2/models/churn/profile/reset", null);
        infer("[3, 4]", "[0.5, 1, 2, 3, 1.5, 1, 2, 3, NaN, 1, 2, 3]");
        infer("[1, 4]", "[2.5, 1, 2, 3]");

        JsonNode profile = json(send("GET", "/v2/models/churn/profile", null));
        assertThat(profile.get("model").asText()).isEqualTo("churn");
        assertThat(profile.get("version").asText()).isEqualTo("3");
        assertThat(profile.get("reset").asBoolean()).isFalse();
        assertThat(profile.get("requests").asLong()).isEqualTo(2);
        assertThat(profile.get("rows").asLong()).isEqualTo(4);
        assertThat(profile.get("sketch").get("type").asText()).isEqualTo("kll_doubles");
        JsonNode first = profile.get("features").get(0);
        assertThat(first.get("name").asText()).isEqualTo("input[0]");
        assertThat(first.get("type").asText()).isEqualTo("numeric");
        assertThat(first.get("count").asLong()).isEqualTo(3);
        assertThat(first.get("missing").asLong()).isEqualTo(1);
        assertThat(first.get("min").asDouble()).isEqualTo(0.5);
        assertThat(first.get("max").asDouble()).isEqualTo(2.5);
        assertThat(first.get("quantiles").get("p50").asDouble()).isEqualTo(1.5);
        KllDoublesSketch sketch = KllDoublesSketch.heapify(Memory.wrap(
                Base64.getDecoder().decode(first.get("kll").asText())));
        assertThat(sketch.getN()).isEqualTo(3);
        assertThat(profile.get("features")).hasSize(4);
        assertThat(profile.get("predictions").get(0).get("name").asText()).isEqualTo("output");
        assertThat(profile.get("predictions").get(0).get("count").asLong()).isEqualTo(4);

        JsonNode ended = json(send("POST", "/v2/models/churn/versions/3/profile/reset", null));
        assertThat(ended.get("reset").asBoolean()).isTrue();
        assertThat(ended.get("rows").asLong()).isEqualTo(4);
        JsonNode next = json(send("GET", "/v2/models/churn/versions/3/profile", null));
        assertThat(next.get("rows").asLong()).isZero();
        assertThat(next.get("windowStart").asText()).isEqualTo(ended.get("windowEnd").asText());
    }

    @Test
    void aModelWithoutAReferenceProfileSaysSo() throws Exception {
        HttpResponse<String> reply = send("GET", "/v2/models/churn/profile/reference", null);

        assertThat(reply.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(reply.body()).path("error").asText()).contains("has no reference profile");
        assertThat(send("GET", "/v2/models/churn/versions/3/profile/reference", null).statusCode()).isEqualTo(404);
    }

    @Test
    void unknownModelsHaveNoProfile() throws Exception {
        HttpResponse<String> reply = send("GET", "/v2/models/nope/profile", null);
        assertThat(reply.statusCode()).isEqualTo(404);
        assertThat(reply.body()).contains("unknown model 'nope'");
    }

    private void infer(String shape, String data) throws Exception {
        String body = "{\"inputs\": [{\"name\": \"input\", \"datatype\": \"FP32\", \"shape\": " + shape
                + ", \"data\": " + data + "}]}";
        assertThat(send("POST", "/v2/models/churn/infer", body).statusCode()).isEqualTo(200);
    }

    private static JsonNode json(HttpResponse<String> reply) throws Exception {
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        return JSON.readTree(reply.body());
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
