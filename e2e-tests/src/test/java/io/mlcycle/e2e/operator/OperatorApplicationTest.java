package io.mlcycle.e2e.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mlcycle.e2e.support.TestCluster;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged operator starts against the cluster from a kubeconfig, reports healthy, serves metrics, stops cleanly. */
class OperatorApplicationTest {

    private final TestCluster cluster = TestCluster.get();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    private Process operator;
    private Path log;
    private int port;
    private String watched;

    @BeforeEach
    void startOperator() throws IOException {
        Path jar = cluster.repository().operatorJar();
        assertThat(jar).as("build the operator first (mvn package)").exists();
        port = freePort();
        log = dir.resolve("operator.log");
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("KUBECONFIG", cluster.kubeconfig().toString());
        builder.environment().put("MLCYCLE_HTTP_PORT", Integer.toString(port));
        // The Helm-installed operator reconciles the cluster; this one watches only an empty namespace of its own,
        // so the two never act on the same resource.
        watched = cluster.createNamespace("operator-app");
        builder.environment().put("QUARKUS_OPERATOR_SDK_NAMESPACES", watched);
        operator = builder.start();
    }

    @AfterEach
    void stopOperator() {
        cluster.deleteNamespace(watched);
        if (operator.isAlive()) {
            operator.destroyForcibly();
        }
    }

    @Test
    void startsReportsHealthyServesMetricsAndShutsDownCleanly() throws Exception {
        await().atMost(TestCluster.patience()).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(get("/q/health/ready").statusCode()).isEqualTo(200));

        HttpResponse<String> ready = get("/q/health/ready");
        assertThat(ready.body()).contains("\"name\": \"kubernetes-api\"", "\"status\": \"UP\"", "\"version\": \"v1.34.4\"");
        assertThat(get("/q/health/live").statusCode()).isEqualTo(200);

        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics"))
                .header("Accept", "text/plain; version=0.0.4").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
        assertThat(metrics.body()).contains("# TYPE jvm_memory_used_bytes gauge", "# TYPE process_uptime_seconds gauge",
                "# TYPE http_server_active_requests gauge");

        operator.destroy(); // SIGTERM, as the kubelet sends
        assertThat(operator.waitFor(20, TimeUnit.SECONDS)).as("stopped within 20 s").isTrue();
        // The JVM reports 143 (128 + SIGTERM) after its shutdown hooks ran to completion.
        assertThat(operator.exitValue()).isIn(0, 143);
        String output = Files.readString(log);
        assertThat(output).contains("stopped in").doesNotContain("ERROR", "Exception");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
