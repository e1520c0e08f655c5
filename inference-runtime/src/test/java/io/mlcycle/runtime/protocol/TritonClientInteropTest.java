package io.mlcycle.runtime.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcycle.runtime.Scripts;
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
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Interop with a client nobody here wrote: Triton's Python client (tritonclient 2.73.0, in a virtualenv that
 * {@code src/test/python/setup-triton-venv.sh} creates once from PyPI) calls the real server over REST and gRPC. Fails,
 * never skips, when Python or the virtualenv cannot be set up.
 */
@QuarkusTest
@WithTestResource(TrainedXgboostModel.class)
class TritonClientInteropTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URI rest;

    @Inject
    ValueRegistry values;

    @ConfigProperty(name = "test.expected-predictions")
    String expectedFile;

    @Test
    void tritonsOwnClientGetsXgboost4jsAnswersOverRestAndGrpc() throws Exception {
        awaitReady();
        String python = Scripts.lastLine(Scripts.run(Duration.ofMinutes(10), List.of("bash",
                Scripts.PYTHON.resolve("setup-triton-venv.sh").toString())));
        List<String> interop = Scripts.run(Duration.ofMinutes(2), List.of(python,
                Scripts.PYTHON.resolve("triton_interop.py").toString(), "--http", "localhost:" + rest.getPort(),
                "--grpc", "localhost:" + values.get(GrpcServer.GRPC_PORT), "--model", "churn", "--version", "3",
                "--expected", expectedFile)).lines().toList();
        assertThat(interop).last().isEqualTo("INTEROP OK");

        JsonNode expected = JSON.readTree(Path.of(expectedFile).toFile()).get("predictions");
        for (String transport : new String[] {"REST ", "GRPC "}) {
            String line = interop.stream().filter(l -> l.startsWith(transport)).findFirst().orElseThrow();
            JsonNode printed = JSON.readTree(line.substring(transport.length()));
            assertThat(printed.size()).isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertThat(printed.get(i).asDouble()).as(transport + "row " + i)
                        .isCloseTo(expected.get(i).asDouble(), within(1e-6));
            }
        }
    }

    private void awaitReady() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (http.send(HttpRequest.newBuilder(rest.resolve("/v2/health/ready")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
            assertThat(Instant.now()).as("server ready within 60 s").isBefore(deadline);
            Thread.sleep(100);
        }
    }
}
