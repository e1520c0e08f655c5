package io.mlcycle.runtime.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcycle.runtime.protocol.rest.TrainedXgboostModel;
import io.quarkus.grpc.runtime.GrpcServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.value.registry.ValueRegistry;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

    private static final Path SCRIPTS = Path.of("src/test/python");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URI rest;

    @Inject
    ValueRegistry values;

    @ConfigProperty(name = "test.expected-predictions")
    String expectedFile;

    /** What a process printed and how it ended. */
    record Run(int exitCode, String output) {
        List<String> lines() {
            return output.lines().toList();
        }
    }

    @Test
    void tritonsOwnClientGetsXgboost4jsAnswersOverRestAndGrpc() throws Exception {
        awaitReady();
        Run setup = run(Duration.ofMinutes(10), "bash", SCRIPTS.resolve("setup-triton-venv.sh").toString());
        assertThat(setup.exitCode()).as("setup-triton-venv.sh failed:\n" + setup.output()).isZero();
        String python = setup.lines().get(setup.lines().size() - 1).trim();

        Run interop = run(Duration.ofMinutes(2), python, SCRIPTS.resolve("triton_interop.py").toString(),
                "--http", "localhost:" + rest.getPort(), "--grpc", "localhost:" + values.get(GrpcServer.GRPC_PORT),
                "--model", "churn", "--version", "3", "--expected", expectedFile);
        assertThat(interop.exitCode()).as("triton_interop.py failed:\n" + interop.output()).isZero();
        assertThat(interop.lines()).last().isEqualTo("INTEROP OK");

        JsonNode expected = JSON.readTree(Path.of(expectedFile).toFile()).get("predictions");
        for (String transport : new String[] {"REST ", "GRPC "}) {
            String line = interop.lines().stream().filter(l -> l.startsWith(transport)).findFirst().orElseThrow();
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

    private static Run run(Duration timeout, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("mlcycle-interop-", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout + ":\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
