package io.mlcycle.e2e.monitoring;

import static io.mlcycle.e2e.support.ServedModels.ready;
import static io.mlcycle.e2e.support.ServedModels.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcycle.api.v1alpha1.Approval;
import io.mlcycle.api.v1alpha1.DriftMonitor;
import io.mlcycle.e2e.support.ClusterPrometheus;
import io.mlcycle.e2e.support.ClusterS3;
import io.mlcycle.e2e.support.ServedModels;
import io.mlcycle.e2e.support.TestCluster;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The chart's metrics wiring against a real Prometheus (3.16, built from the Go module proxy, in namespace
 * mlcycle-monitoring; e2e-tests/cluster/addons/prometheus.yaml): it finds the operator, serving and router pods by
 * their prometheus.io annotations, loads the chart's alert rules as a plain rule file with every rule healthy, and
 * every alert expression and every dashboard panel query evaluates — the panels with data once a model is served,
 * asked and watched by a DriftMonitor.
 */
class MonitoringOnClusterTest {

    private static final TestCluster CLUSTER = TestCluster.get();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Our alerts, as helm/mlcycle/templates/_rules.tpl names them. */
    private static final Set<String> ALERTS = Set.of("MlcycleDriftDetected", "MlcycleRolloutRolledBack",
            "MlcycleInferenceServiceNotReady", "MlcycleTrainingJobFailed", "MlcycleReconcileErrors",
            "MlcycleServingErrors", "MlcycleServingLatencyHigh");
    /** Panels whose series only exist after an event this test does not cause (a retrain: DriftLoopOnClusterTest). */
    private static final Set<String> EVENT_PANELS = Set.of("Retrains started");

    private final String namespace = CLUSTER.createNamespace("monitoring");
    private final ServedModels served = new ServedModels(CLUSTER, namespace);
    private final ClusterPrometheus prometheus = new ClusterPrometheus(CLUSTER);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void deleteNamespace() {
        CLUSTER.deleteNamespace(namespace);
    }

    @Test
    void prometheusScrapesEveryMlcyclePodAndEveryRuleAndPanelQueryEvaluates() throws Exception {
        new ClusterS3(CLUSTER).copyKeysTo(namespace);
        served.register("1", Approval.Approved);
        served.apply("""
                apiVersion: mlcycle.io/v1alpha1
                kind: InferenceService
                metadata: {name: churn}
                spec:
                  model: {name: churn, version: "1"}
                  resources: {cpu: 250m, memory: 768Mi}
                """);
        DriftMonitor monitor = CLUSTER.client().getKubernetesSerialization().unmarshal("""
                apiVersion: mlcycle.io/v1alpha1
                kind: DriftMonitor
                metadata: {name: churn}
                spec:
                  inferenceService: churn
                  window: {interval: 5s, minSamples: 20}
                """, DriftMonitor.class);
        monitor.getMetadata().setNamespace(namespace);
        CLUSTER.client().resource(monitor).create();
        served.awaitService("churn", s -> ready(s, "True"));

        // Answers and one refusal through the router's Service, so the request, error and latency series exist.
        String router = "http://" + CLUSTER.client().services().inNamespace(namespace).withName("churn").get()
                .getSpec().getClusterIP() + "/v2/models/churn/infer";
        String body = JSON.writeValueAsString(request(10));
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (int i = 0; i < 10; i++) {
                assertThat(post(router, body).statusCode()).isEqualTo(200);
            }
            assertThat(post(router, "{\"inputs\": 7}").statusCode()).isEqualTo(400);
            // Profiles are collected per window: keep asking until the monitor has evaluated one.
            assertThat(prometheus.query("mlcycle_drift_share{namespace=\"" + namespace + "\",monitor=\"churn\"}"))
                    .as("the DriftMonitor's share, scraped from the operator").isNotEmpty();
        });

        // Every pod by its annotations: serving and router pods of this namespace, and the operator.
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
            assertThat(prometheus.query("up{namespace=\"" + namespace
                    + "\",mlcycle_io_inferenceservice=\"churn\"} == 1"))
                    .extracting(r -> r.path("metric").path("app_kubernetes_io_component").asText())
                    .contains("predictor", "router");
            assertThat(prometheus.query(
                    "up{namespace=\"mlcycle-system\",app_kubernetes_io_name=\"mlcycle-operator\"} == 1"))
                    .isNotEmpty();
            // The operator's series keep the namespace of the resource they tell of (honor_labels).
            assertThat(prometheus.query("mlcycle_inferenceservice_ready{namespace=\"" + namespace
                    + "\",name=\"churn\"} == 1"))
                    .isNotEmpty();
        });

        // The chart's rules, loaded from the plain rule file, each evaluated without error.
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
            List<JsonNode> rules = new ArrayList<>();
            prometheus.api("/api/v1/rules").path("data").path("groups")
                    .forEach(g -> g.path("rules").forEach(rules::add));
            assertThat(rules).extracting(r -> r.path("name").asText()).containsAll(ALERTS);
            assertThat(rules).allSatisfy(r -> {
                assertThat(r.path("health").asText()).as(r.path("name") + ": " + r.path("lastError")).isEqualTo("ok");
                assertThat(r.path("lastEvaluation").asText()).as(r.path("name") + " evaluated")
                        .doesNotStartWith("0001");
            });
        });
        // The model is Ready and answers: its alerts stay quiet.
        assertThat(prometheus.query("ALERTS{namespace=\"" + namespace + "\",alertname=~\"MlcycleInferenceServiceNotReady"
                + "|MlcycleServingErrors\"}")).isEmpty();

        // Every panel of the dashboard evaluates, with its variables set to this model; the panels with data.
        JsonNode dashboard = JSON.readTree(CLUSTER.repository().root()
                .resolve("helm/mlcycle/files/grafana/mlcycle.json").toFile());
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("$namespace", namespace);
        variables.put("$model", "churn");
        variables.put("$__rate_interval", "2m");
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
            for (JsonNode panel : dashboard.path("panels")) {
                String title = panel.path("title").asText();
                for (JsonNode target : panel.path("targets")) {
                    String expr = target.path("expr").asText();
                    for (Map.Entry<String, String> v : variables.entrySet()) {
                        expr = expr.replace(v.getKey(), v.getValue());
                    }
                    JsonNode result = prometheus.evaluate(expr);
                    assertThat(result.path("status").asText()).as(title + ": " + expr + " " + result.path("error"))
                            .isEqualTo("success");
                    if (!EVENT_PANELS.contains(title)) {
                        assertThat(result.path("data").path("result")).as(title + ": " + expr + " has data")
                                .isNotEmpty();
                    }
                }
            }
        });
    }

    private HttpResponse<String> post(String url, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
