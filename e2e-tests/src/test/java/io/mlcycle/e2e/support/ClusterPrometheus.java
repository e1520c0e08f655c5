package io.mlcycle.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The local cluster's Prometheus (e2e-tests/cluster/addons/prometheus.yaml), asked over its HTTP API at the
 * Service's ClusterIP, which the host reaches through the bridge route.
 */
public final class ClusterPrometheus {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestCluster cluster;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ClusterPrometheus(TestCluster cluster) {
        this.cluster = cluster;
    }

    /** An instant query's answer, whatever its status. */
    public JsonNode evaluate(String promql) throws IOException, InterruptedException {
        return api("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    }

    /** An instant query's result vector; an error fails the test. */
    public List<JsonNode> query(String promql) throws IOException, InterruptedException {
        JsonNode answer = evaluate(promql);
        assertThat(answer.path("status").asText()).as(promql + ": " + answer.path("error")).isEqualTo("success");
        List<JsonNode> result = new ArrayList<>();
        answer.path("data").path("result").forEach(result::add);
        return result;
    }

    /** GET of an API path (with its query string) as JSON. */
    public JsonNode api(String pathAndQuery) throws IOException, InterruptedException {
        String ip = cluster.client().services().inNamespace("mlcycle-monitoring").withName("prometheus").get()
                .getSpec().getClusterIP();
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://" + ip + ":9090" + pathAndQuery))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }
}
