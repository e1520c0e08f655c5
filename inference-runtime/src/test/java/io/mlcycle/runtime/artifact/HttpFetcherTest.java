package io.mlcycle.runtime.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real HTTP server on loopback: downloads, redirects, errors, and a redirect towards a metadata service. */
class HttpFetcherTest {

    private HttpServer server;
    private String base;
    private final HttpFetcher fetcher = new HttpFetcher(HostPolicy.strict(), Duration.ofSeconds(10));

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/model.onnx", exchange -> {
            byte[] body = "model bytes".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/model.onnx");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/to-metadata", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
            exchange.sendResponseHeaders(301, -1);
            exchange.close();
        });
        server.createContext("/stalls", exchange -> {
            exchange.sendResponseHeaders(200, 100);
            exchange.getResponseBody().write(new byte[10]);
            exchange.getResponseBody().flush();
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.createContext("/missing", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String read(String path) throws IOException {
        try (InputStream in = fetcher.open(ArtifactUri.parse(base + path, HostPolicy.strict()))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void downloadsAndFollowsSafeRedirects() throws IOException {
        assertThat(read("/model.onnx")).isEqualTo("model bytes");
        assertThat(read("/moved")).isEqualTo("model bytes");
    }

    @Test
    void aServerThatStallsInTheMiddleOfTheBodyFailsTheDownloadAtTheTimeout() {
        HttpFetcher impatient = new HttpFetcher(HostPolicy.strict(), Duration.ofMillis(500));
        long start = System.nanoTime();
        assertThatThrownBy(() -> {
            try (InputStream in = impatient.open(ArtifactUri.parse(base + "/stalls", HostPolicy.strict()))) {
                in.readAllBytes();
            }
        }).isInstanceOf(IOException.class).hasMessageContaining("/stalls did not finish within PT0.5S");
        assertThat((System.nanoTime() - start) / 1_000_000).as("failed at the timeout, not when the server gave up")
                .isLessThan(4_000L);
    }

    @Test
    void refusesRedirectsToMetadataServicesAndReportsHttpErrors() {
        assertThatThrownBy(() -> read("/to-metadata")).hasMessageContaining("169.254.169.254")
                .hasMessageContaining("refused");
        assertThatThrownBy(() -> read("/missing?token=secret")).hasMessageContaining("answered HTTP 404")
                .hasMessageNotContaining("secret");
    }
}
