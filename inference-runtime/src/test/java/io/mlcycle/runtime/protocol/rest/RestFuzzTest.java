package io.mlcycle.runtime.protocol.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlcycle.runtime.Scripts;
import io.mlcycle.runtime.metrics.Scrape;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A short fuzz campaign against the REST API: schemathesis (from PyPI, in its own virtualenv) reads the served
 * OpenAPI document and sends generated and mutated requests to every operation, with the model and version fixed to
 * the served model so inference requests reach the codec and validator. No answer may be a 5xx, and afterwards
 * the server still answers a valid request. Bounded: a fixed seed and 30 examples per operation and phase (about
 * 700 requests, 15 s here).
 */
@QuarkusTest
@WithTestResource(TrainedXgboostModel.class)
class RestFuzzTest {

    private static final Pattern CASES = Pattern.compile("(\\d+) generated, (\\d+) passed");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URI base;

    @Test
    void generatedAndMutatedRequestsGetNo5xxAndTheServerKeepsServing() throws Exception {
        String python = Scripts.venvPython("schemathesis", List.of("schemathesis==4.32.5"));
        Path work = Files.createTempDirectory("mlcycle-fuzz-");
        Path config = Files.writeString(work.resolve("schemathesis.toml"), """
                [parameters]
                model = "churn"
                version = "3"
                """);
        Scrape before = new Scrape(get("/q/metrics").body());
        String output = Scripts.run(Duration.ofMinutes(5), List.of(Path.of(python).resolveSibling("schemathesis")
                .toString(), "--config-file", config.toString(), "run", base.resolve("/openapi.yaml").toString(),
                "--checks", "not_a_server_error", "--max-examples", "30", "--seed", "1",
                "--request-timeout", "10", "--workers", "1", "--report", "junit",
                "--report-junit-path", work.resolve("junit.xml").toString()), work);
        Matcher cases = CASES.matcher(output);
        assertThat(cases.find()).as("schemathesis summary:\n" + output).isTrue();
        int generated = Integer.parseInt(cases.group(1));
        assertThat(Integer.parseInt(cases.group(2))).as("cases passed\n" + output).isEqualTo(generated);
        assertThat(generated).as("cases run").isGreaterThan(300);
        System.out.println("REST fuzz: " + generated + " cases, all without a 5xx");

        Scrape after = new Scrape(get("/q/metrics").body());
        assertThat(counted(after, "CLIENT_ERROR") - counted(before, "CLIENT_ERROR"))
                .as("inference requests of the fuzzer refused with a 4xx").isGreaterThan(100);
        assertThat(counted(after, "SERVER_ERROR") - counted(before, "SERVER_ERROR"))
                .as("inference requests of the fuzzer answered with a 5xx").isZero();

        HttpResponse<String> valid = HTTP.send(HttpRequest.newBuilder(base.resolve("/v2/models/churn/infer"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\": [{\"name\": \"input\", \"datatype\": "
                        + "\"FP32\", \"shape\": [1, 4], \"data\": [0.1, 0.2, 0.3, 0.4]}]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(valid.statusCode()).as(valid.body()).isEqualTo(200);
    }

    private static double counted(Scrape scrape, String outcome) {
        return scrape.value("mlcycle_inference_requests_total", Map.of("protocol", "rest", "outcome", outcome));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
