package io.mlcycle.e2e.drift;

import static io.mlcycle.e2e.support.ServedModels.inputName;
import static io.mlcycle.e2e.support.ServedModels.ready;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.Pod;
import io.mlcycle.api.v1alpha1.Approval;
import io.mlcycle.api.v1alpha1.ConditionStatus;
import io.mlcycle.api.v1alpha1.DriftMonitor;
import io.mlcycle.api.v1alpha1.DriftMonitorStatus;
import io.mlcycle.api.v1alpha1.InferenceService;
import io.mlcycle.api.v1alpha1.ModelVersion;
import io.mlcycle.api.v1alpha1.ModelVersionPhase;
import io.mlcycle.api.v1alpha1.RolloutOutcome;
import io.mlcycle.api.v1alpha1.StatusCondition;
import io.mlcycle.api.v1alpha1.TrainingJob;
import io.mlcycle.api.v1alpha1.TrainingJobPhase;
import io.mlcycle.e2e.support.ChurnDataset;
import io.mlcycle.e2e.support.ClusterPrometheus;
import io.mlcycle.e2e.support.ClusterS3;
import io.mlcycle.e2e.support.ServedModels;
import io.mlcycle.e2e.support.TestCluster;

/**
 * The drift loop on the local cluster, under a load that checks every answer: a served churn model watched by a
 * DriftMonitor with Evidently's default tests sees windows of traffic like its training data and calls none of them
 * drift; the traffic shifts, the monitor declares drift after its consecutive windows and starts one retraining
 * TrainingJob on the changed world's data, which registers a version whose lineage names its parent and the job; an
 * operator SIGKILLed meanwhile makes no second job; the gate approves the new version (it beat the served one on the
 * new data), the canary promotes it, and the monitor, now judging against its reference, sees no drift in the same
 * shifted traffic. No request fails along the way. A retrain worse than the served version stays Pending.
 */
class DriftLoopOnClusterTest {

    private static final TestCluster CLUSTER = TestCluster.get();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROWS_PER_REQUEST = 4;

    private final String namespace = CLUSTER.createNamespace("drift");
    private final ServedModels served = new ServedModels(CLUSTER, namespace);
    private final ClusterS3 s3 = new ClusterS3(CLUSTER);
    private final ClusterPrometheus prometheus = new ClusterPrometheus(CLUSTER);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void deleteNamespace() {
        CLUSTER.deleteNamespace(namespace);
    }

    /** Serves churn-1 as {@code shop} with {@code rollout}, and watches it with a monitor retraining on shifted data. */
    private String serveAndWatch(String rollout, String approval, String hyperparameters) throws Exception {
        s3.copyKeysTo(namespace);
        Path csv = Files.createTempFile("churn-shifted", ".csv");
        Files.writeString(csv, ChurnDataset.csv(600, 11, ChurnDataset.SHIFTED));
        String shiftedData = s3.put(csv, namespace + "/data/churn-latest.csv");
        Files.delete(csv);
        served.register("1", Approval.Approved);
        served.apply("""
                apiVersion: mlcycle.io/v1alpha1
                kind: InferenceService
                metadata: {name: shop}
                spec:
                  model: {name: churn, track: latest}
                  resources: {cpu: 200m, memory: 768Mi}
                """ + rollout);
        served.awaitService("shop", s -> ready(s, "True"));
        DriftMonitor monitor = CLUSTER.client().getKubernetesSerialization().unmarshal("""
                apiVersion: mlcycle.io/v1alpha1
                kind: DriftMonitor
                metadata: {name: shop}
                spec:
                  inferenceService: shop
                  window: {interval: 5s, minSamples: 300}
                  trigger: {consecutiveWindows: 2}
                  action:
                    retrain:
                      cooldown: 1h
                      approval: %s
                      template:
                        labels: {team: growth}
                        spec:
                          model: churn
                          dataset: {uri: "%s"}
                          output: {uri: "s3://mlcycle/%s/models"}
                          trainer:
                            builtin: {algorithm: xgboost, target: churned, hyperparameters: %s}
                """.formatted(approval, shiftedData, namespace, hyperparameters), DriftMonitor.class);
        monitor.getMetadata().setNamespace(namespace);
        CLUSTER.client().resource(monitor).create();
        return "http://" + CLUSTER.client().services().inNamespace(namespace).withName("shop").get().getSpec()
                .getClusterIP() + "/v2/models/shop/infer";
    }

    /** Shifts the load and waits for the monitor to declare drift and order its retrain. */
    private DriftMonitorStatus shiftUntilRetrained(CheckedLoad load) {
        load.shift();
        DriftMonitorStatus declared = await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .until(this::status, s -> s.getLastRetrain() != null);
        assertThat(drifted(declared)).isTrue();
        assertThat(declared.getConsecutiveBreaches()).isGreaterThanOrEqualTo(2);
        assertThat(declared.getLastEvaluation().getDriftShare()).isGreaterThanOrEqualTo(0.5);
        assertThat(declared.getLastRetrain().getTrainingJob()).isEqualTo("shop-retrain-1");
        assertThat(declared.getLastRetrain().getParentVersion()).isEqualTo("churn-1");
        assertThat(declared.getLastRetrain().getReason()).contains("tenure");
        return declared;
    }

    private TrainingJob awaitTrained(String name) {
        TrainingJob done = await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(1))
                .until(() -> CLUSTER.client().resources(TrainingJob.class).inNamespace(namespace).withName(name)
                        .get(), tj -> tj != null && tj.getStatus() != null
                        && (tj.getStatus().getPhase() == TrainingJobPhase.Succeeded
                        || tj.getStatus().getPhase() == TrainingJobPhase.Failed));
        assertThat(done.getStatus().getPhase()).as("retraining").isEqualTo(TrainingJobPhase.Succeeded);
        return done;
    }

    @Test
    void driftIsRetrainedOnceApprovedByTheGateRolledOutAndTheReferenceMovesWithoutAFailedRequest() throws Exception {
        String url = serveAndWatch("""
                  rollout:
                    steps: [{weight: 50, pause: 10s}]
                    analysis: {interval: 5s, minRequests: 10, maxErrorRate: 0.05, maxPredictionShift: 0.2}
                """, "{policy: Auto}", "{rounds: \"20\", max_depth: \"3\"}");
        Instant driftedSince;
        try (CheckedLoad load = new CheckedLoad(url)) {
            // Traffic like the training data: every window judged is recorded, and none drifted.
            Map<String, DriftMonitorStatus> quiet = new TreeMap<>();
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(300)).until(() -> {
                DriftMonitorStatus status = status();
                if (status != null && status.getLastEvaluation() != null) {
                    quiet.put(status.getLastEvaluation().getTime(), status);
                }
                return quiet.size() >= 4;
            });
            quiet.values().forEach(status -> {
                assertThat(status.getLastEvaluation().getFeatures()).as("all four features tested").hasSize(4);
                assertThat(status.getLastEvaluation().getSamples()).isGreaterThanOrEqualTo(300);
                assertThat(status.getLastEvaluation().getPods()).isEqualTo(1);
                assertThat(status.getLastEvaluation().getModelVersion()).isEqualTo("churn-1");
                assertThat(status.getConsecutiveBreaches()).as("in-distribution traffic: "
                        + status.getLastEvaluation().getFeatures()).isLessThan(2);
                assertThat(drifted(status)).isFalse();
            });
            assertThat(retrains()).as("no retrain without drift").isEmpty();

            // The world changes: drift within the trigger's windows, and one retrain.
            DriftMonitorStatus declared = shiftUntilRetrained(load);
            driftedSince = Instant.parse(declared.getConditions().stream()
                    .filter(c -> "Drifted".equals(c.getType())).findFirst().orElseThrow().getLastTransitionTime());
            // The order is written to status before its job is created: the job follows.
            TrainingJob job = await().atMost(Duration.ofSeconds(30)).until(() -> CLUSTER.client()
                    .resources(TrainingJob.class).inNamespace(namespace).withName("shop-retrain-1").get(),
                    Objects::nonNull);
            assertThat(job.getMetadata().getLabels()).containsEntry("team", "growth")
                    .containsEntry("mlcycle.io/drift-monitor", "shop");
            assertThat(job.getMetadata().getOwnerReferences()).singleElement()
                    .satisfies(o -> assertThat(o.getKind()).isEqualTo("DriftMonitor"));
            // Events follow the status write that ordered the retrain.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(served.events("shop"))
                    .contains("DriftDetected", "RetrainStarted"));

            // SIGKILL the operator while the retrain runs: it resumes from status and the job, and makes no other.
            String operatorPod = operatorPod();
            CLUSTER.kubectl().run("delete", "pod", "-n", "mlcycle-system", operatorPod, "--grace-period=0",
                    "--force").assertSuccess();
            await().atMost(Duration.ofMinutes(2)).until(() -> {
                String now = operatorPod();
                return !now.isEmpty() && !now.equals(operatorPod);
            });
            String retrained = awaitTrained("shop-retrain-1").getStatus().getModelVersion();
            ModelVersion version = CLUSTER.client().resources(ModelVersion.class).inNamespace(namespace)
                    .withName(retrained).get();
            assertThat(version.getSpec().getLineage().getParentVersion()).isEqualTo("churn-1");
            assertThat(version.getSpec().getLineage().getTrainingJob()).isEqualTo("shop-retrain-1");
            assertThat(version.getSpec().getMetrics()).containsKeys("auc", "champion_auc");
            assertThat(version.getSpec().getMetrics().get("auc")).as("the challenger beat the champion on the new data")
                    .isGreaterThan(version.getSpec().getMetrics().get("champion_auc"));
            assertThat(version.getSpec().getApproval()).as("approved by the gate").isEqualTo(Approval.Approved);

            // The gate's version rolls out through the canary and is promoted; the retrain's record follows it.
            InferenceService promoted = served.awaitService("shop", Duration.ofMinutes(5), s -> s.getStatus()
                    .getStable() != null && retrained.equals(s.getStatus().getStable().getModelVersion())
                    && s.getStatus().getCanary() == null);
            assertThat(promoted.getStatus().getLastRollout().getOutcome()).isEqualTo(RolloutOutcome.Promoted);
            DriftMonitorStatus recorded = await().atMost(Duration.ofSeconds(30)).until(this::status,
                    s -> "Promoted".equals(s.getLastRetrain().getRollout()));
            assertThat(recorded.getLastRetrain().getModelVersion()).isEqualTo(retrained);
            assertThat(recorded.getLastRetrain().getTrainingPhase()).isEqualTo(TrainingJobPhase.Succeeded);
            assertThat(retrains()).as("one breach, one retrain, across an operator restart and the rollout")
                    .containsExactly("shop-retrain-1");

            // The shifted traffic is the new version's own world: no drift against its reference.
            Map<String, DriftMonitorStatus> againstNew = new TreeMap<>();
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(300)).until(() -> {
                DriftMonitorStatus status = status();
                if (status.getLastEvaluation() != null && retrained.equals(status.getLastEvaluation()
                        .getModelVersion())) {
                    againstNew.put(status.getLastEvaluation().getTime(), status);
                }
                return againstNew.size() >= 3;
            });
            againstNew.values().forEach(status -> assertThat(drifted(status)).as("shifted traffic against the "
                    + "retrained reference: " + status.getLastEvaluation().getFeatures()).isFalse());
            load.close();
            assertThat(load.answered()).as("requests answered").isGreaterThan(100);
            assertThat(load.failures).as("failed requests over the whole loop").isEmpty();
        }
        assertThat(retrains()).containsExactly("shop-retrain-1");
        // The chart's drift alert fired in the cluster's Prometheus (the gauge scraped from the operator, the rule
        // evaluated every 5 s): when, from the Drifted condition's transition.
        String firing = "ALERTS{alertname=\"MlcycleDriftDetected\",alertstate=\"firing\",namespace=\"" + namespace
                + "\",monitor=\"shop\"}";
        List<JsonNode> first = await().atMost(Duration.ofMinutes(1)).until(() -> prometheus.query(
                "min_over_time(timestamp(" + firing + ")[30m:1s])"), r -> !r.isEmpty());
        double firedAt = first.get(0).path("value").path(1).asDouble();
        System.out.printf("drift alert firing %.1f s after the Drifted condition%n",
                firedAt - driftedSince.toEpochMilli() / 1e3);
        String events = String.join("\n", CLUSTER.client().v1().events().inNamespace(namespace).list().getItems()
                .stream().filter(e -> "DriftMonitor".equals(e.getInvolvedObject().getKind()))
                .map(e -> e.getReason() + " " + e.getMessage()).toList());
        assertThat(events).contains("DriftDetected", "RetrainStarted", "DriftResolved");
    }

    @Test
    void aRetrainWorseThanTheServedVersionStaysPendingWithItsFiguresAndNothingRollsOut() throws Exception {
        // One boosting round of depth 1: a stump, well below the served model on the new data.
        String url = serveAndWatch("", "{policy: Auto}", "{rounds: \"1\", max_depth: \"1\"}");
        try (CheckedLoad load = new CheckedLoad(url)) {
            await().atMost(Duration.ofMinutes(2)).until(() -> status() != null && status().getLastEvaluation() != null);
            shiftUntilRetrained(load);
            String retrained = awaitTrained("shop-retrain-1").getStatus().getModelVersion();
            ModelVersion version = await().atMost(Duration.ofMinutes(2)).until(() -> CLUSTER.client()
                    .resources(ModelVersion.class).inNamespace(namespace).withName(retrained).get(),
                    v -> v.getStatus() != null && v.getStatus().getConditions().stream()
                            .anyMatch(c -> "ChampionGate".equals(c.getType())));
            assertThat(version.getSpec().getApproval()).isEqualTo(Approval.Pending);
            StatusCondition gate = version.getStatus().getConditions().stream()
                    .filter(c -> "ChampionGate".equals(c.getType())).findFirst().orElseThrow();
            assertThat(gate.getStatus()).isEqualTo(ConditionStatus.False);
            assertThat(gate.getReason()).isEqualTo("ChallengerNotBetter");
            assertThat(gate.getMessage()).contains("auc", "champion's", "worse");
            served.awaitVersion(retrained, ModelVersionPhase.Ready);
            // Ready, registered and Pending: for several windows the service keeps churn-1 and starts no canary.
            Set<String> windows = new HashSet<>();
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
                InferenceService service = served.get("shop");
                assertThat(service.getStatus().getStable().getModelVersion()).isEqualTo("churn-1");
                assertThat(service.getStatus().getCanary()).isNull();
                windows.add(status().getLastEvaluation().getTime());
                assertThat(windows).hasSizeGreaterThanOrEqualTo(3);
            });
            assertThat(served.get("shop").getStatus().getStable().getModelVersion()).isEqualTo("churn-1");
            assertThat(status().getLastRetrain().getRollout()).isNull();
            assertThat(retrains()).containsExactly("shop-retrain-1");
            load.close();
            assertThat(load.failures).isEmpty();
        }
    }

    private DriftMonitorStatus status() {
        DriftMonitor monitor = CLUSTER.client().resources(DriftMonitor.class).inNamespace(namespace).withName("shop")
                .get();
        return monitor == null ? null : monitor.getStatus();
    }

    private static boolean drifted(DriftMonitorStatus status) {
        return Optional.ofNullable(status.getConditions()).orElse(List.of()).stream()
                .filter(c -> "Drifted".equals(c.getType())).map(StatusCondition::getStatus)
                .anyMatch(ConditionStatus.True::equals);
    }

    private List<String> retrains() {
        return CLUSTER.client().resources(TrainingJob.class).inNamespace(namespace).list().getItems().stream()
                .map(j -> j.getMetadata().getName()).sorted().toList();
    }

    private String operatorPod() {
        return CLUSTER.client().pods().inNamespace("mlcycle-system").withLabel("app.kubernetes.io/name",
                "mlcycle-operator").list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null && p.getStatus() != null
                        && Optional.ofNullable(p.getStatus().getConditions()).orElse(List.of()).stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())))
                .map(Pod::getMetadata).map(m -> m.getName()).findFirst().orElse("");
    }

    /**
     * Requests from the host until closed, a few a second, each with fresh customers drawn from the churn world
     * (shifted once {@link #shift} is called), each answer checked.
     */
    private final class CheckedLoad implements AutoCloseable {

        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicBoolean shifted = new AtomicBoolean();
        private final AtomicLong answered = new AtomicLong();
        private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        private final Thread thread;

        CheckedLoad(String url) throws Exception {
            String input = inputName();
            Random random = new Random(7);
            thread = new Thread(() -> {
                while (running.get()) {
                    try {
                        double[][] rows = new double[ROWS_PER_REQUEST][];
                        for (int r = 0; r < rows.length; r++) {
                            rows[r] = ChurnDataset.row(random, shifted.get());
                        }
                        String body = JSON.writeValueAsString(Map.of("inputs", List.of(Map.of("name", input,
                                "datatype", "FP32", "shape", List.of(rows.length, ChurnDataset.FEATURES),
                                "data", rows))));
                        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        JsonNode json = JSON.readTree(answer.body());
                        if (answer.statusCode() != 200 || json.path("outputs").isEmpty()) {
                            failures.add(answer.statusCode() + ": " + answer.body());
                        } else {
                            answered.incrementAndGet();
                        }
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                }
            }, "drift-load");
            thread.start();
        }

        void shift() {
            shifted.set(true);
        }

        long answered() {
            return answered.get();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(Duration.ofSeconds(30).toMillis());
        }
    }
}
