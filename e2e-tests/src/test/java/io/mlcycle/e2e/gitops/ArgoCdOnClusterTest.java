package io.mlcycle.e2e.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlcycle.api.v1alpha1.CanaryPhase;
import io.mlcycle.api.v1alpha1.DriftMonitor;
import io.mlcycle.api.v1alpha1.InferenceService;
import io.mlcycle.api.v1alpha1.ModelVersion;
import io.mlcycle.api.v1alpha1.ModelVersionPhase;
import io.mlcycle.api.v1alpha1.RolloutOutcome;
import io.mlcycle.api.v1alpha1.TrainingJob;
import io.mlcycle.e2e.support.ArgoCd;
import io.mlcycle.e2e.support.ClusterS3;
import io.mlcycle.e2e.support.ProgramRun;
import io.mlcycle.e2e.support.ServedModels;
import io.mlcycle.e2e.support.TestCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Argo CD (v3.6.1, built from the Go module proxy) with mlcycle's health checks and actions installed from
 * argocd/ syncs the iris and canary examples from a local git repository: the Application is Progressing while the
 * model trains and its service starts, then Healthy; Degraded while Git holds a ModelVersion whose artifact fails
 * validation; Suspended while a canary is paused and Healthy again once it is promoted, both done with resource actions
 * run through Argo CD's API. It stays Synced all along: the operator's status writes and the CRDs' defaults never show
 * as a diff.
 */
class ArgoCdOnClusterTest {

    private static final TestCluster CLUSTER = TestCluster.get();
    private static final String APP = "iris-gitops";

    private final String namespace = CLUSTER.createNamespace("gitops");
    private final ServedModels served = new ServedModels(CLUSTER, namespace);
    private final ArgoCd argo = ArgoCd.start(CLUSTER);
    private final List<String> observed = Collections.synchronizedList(new ArrayList<>());
    /** Sync statuses seen while Git held still and Argo CD had synced its head: only the operator acted then. */
    private final List<String> whileGitHeldStill = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean gitHoldsStill;
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();

    @TempDir
    Path dir;
    private Path repo;

    @AfterEach
    void cleanUp() throws Exception {
        watcher.shutdownNow();
        argo.deleteApplication(APP);
        CLUSTER.deleteNamespace(namespace);
    }

    @Test
    void argoCdSyncsTheExamplesAndJudgesTheirHealthWithMlcyclesChecks() throws Exception {
        ClusterS3 s3 = new ClusterS3(CLUSTER);
        s3.copyKeysTo(namespace);
        Path iris = dir.resolve("iris.csv");
        Files.writeString(iris, run(CLUSTER.repository().example("iris/make-dataset.py").toString()));
        s3.put(iris, "datasets/iris.csv");

        repo = dir.resolve("git");
        Files.createDirectories(repo.resolve("iris"));
        git(repo, "init", "-q", "-b", "main");
        Files.copy(CLUSTER.repository().example("iris/trainingjob.yaml"), repo.resolve("iris/trainingjob.yaml"));
        Files.copy(CLUSTER.repository().example("canary/inferenceservice.yaml"),
                repo.resolve("iris/inferenceservice.yaml"));
        commit("iris: train version 1 and serve it");

        long created = System.nanoTime();
        argo.createApplication(APP, "file://" + repo, "iris", namespace);
        watcher.scheduleWithFixedDelay(this::observe, 0, 500, TimeUnit.MILLISECONDS);

        awaitHealth("Progressing", Duration.ofMinutes(1));
        TrainingJob job = await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                .until(() -> CLUSTER.client().resources(TrainingJob.class).inNamespace(namespace)
                        .withName("iris-train-1").get(), j -> j != null && j.getStatus() != null
                        && j.getStatus().getModelVersion() != null);
        approve(job.getStatus().getModelVersion());
        awaitHealth("Healthy", ServedModels.READY);
        double syncToHealthy = (System.nanoTime() - created) / 1e9;
        assertThat(served.get("iris-canary").getStatus().getStable().getVersion()).isEqualTo("1");

        // A ModelVersion whose digest does not match its artifact (examples/iris/modelversion.yaml's is made up).
        Files.writeString(repo.resolve("iris/forged-modelversion.yaml"),
                Files.readString(CLUSTER.repository().example("iris/modelversion.yaml"))
                        .replace("name: iris-1", "name: iris-forged").replace("version: \"1\"", "version: \"99\""));
        commit("iris: register a model trained elsewhere");
        argo.refresh(APP);
        awaitHealth("Degraded", ServedModels.READY);
        JsonNode forged = argo.resourceHealth(APP, "ModelVersion", "iris-forged");
        assertThat(forged.path("status").asText()).as("health of the forged version: " + forged).isEqualTo("Degraded");
        assertThat(forged.path("message").asText()).as("its message, the operator's").isNotBlank();
        git(repo, "rm", "-q", "iris/forged-modelversion.yaml");
        commit("iris: drop the forged version");
        argo.refresh(APP);
        awaitHealth("Healthy", ServedModels.READY);

        // A retrain from Git; a person approves its version, then pauses and promotes the canary through Argo CD.
        Files.copy(CLUSTER.repository().example("canary/iris-train-2.yaml"), repo.resolve("iris/iris-train-2.yaml"));
        commit("iris: retrain with other hyperparameters");
        argo.refresh(APP);
        TrainingJob retrain = await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                .until(() -> CLUSTER.client().resources(TrainingJob.class).inNamespace(namespace)
                        .withName("iris-train-2").get(), j -> j != null && j.getStatus() != null
                        && j.getStatus().getModelVersion() != null);
        approve(retrain.getStatus().getModelVersion());
        // Once its pods are Ready: while they start, Argo CD offers neither pause nor promote (discovery.lua).
        served.awaitService("iris-canary", s -> s.getStatus().getCanary() != null
                && s.getStatus().getCanary().getPhase() == CanaryPhase.Mirroring);
        assertThat(argo.actions(APP, "mlcycle.io", "InferenceService", namespace, "iris-canary"))
                .as("actions during a canary").containsEntry("pause", true).containsEntry("promote", true)
                .containsEntry("resume", false);
        argo.runAction(APP, "mlcycle.io", "InferenceService", namespace, "iris-canary", "pause");
        served.awaitService("iris-canary", s -> s.getStatus().getCanary() != null
                && s.getStatus().getCanary().getPhase() == CanaryPhase.Paused);
        awaitHealth("Suspended", Duration.ofMinutes(1));
        argo.runAction(APP, "mlcycle.io", "InferenceService", namespace, "iris-canary", "promote");
        InferenceService promoted = served.awaitService("iris-canary", Duration.ofMinutes(3),
                s -> s.getStatus().getCanary() == null && "2".equals(s.getStatus().getStable().getVersion()));
        assertThat(promoted.getStatus().getLastRollout().getOutcome()).isEqualTo(RolloutOutcome.Promoted);
        assertThat(promoted.getMetadata().getAnnotations()).as("the action's annotation, once acted on")
                .doesNotContainKey("mlcycle.io/rollout-action");
        awaitHealth("Healthy", ServedModels.READY);

        // A DriftMonitor from Git (examples/iris/driftmonitor.yaml, pointed at this service) and a retrain asked for
        // through Argo CD: no drift needed, the operator starts one TrainingJob and records the request it answered.
        Files.writeString(repo.resolve("iris/driftmonitor.yaml"), Files.readString(CLUSTER.repository()
                .example("iris/driftmonitor.yaml")).replace("inferenceService: iris", "inferenceService: iris-canary")
                .replace("interval: 5m", "interval: 10s").replace("iris-latest.csv", "iris.csv"));
        commit("iris: watch for drift");
        argo.refresh(APP);
        awaitHealth("Healthy", Duration.ofMinutes(2));
        assertThat(argo.actions(APP, "mlcycle.io", "DriftMonitor", namespace, "iris")).as("actions of the monitor")
                .containsEntry("retrain", true);
        argo.runAction(APP, "mlcycle.io", "DriftMonitor", namespace, "iris", "retrain");
        DriftMonitor asked = await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1))
                .until(() -> CLUSTER.client().resources(DriftMonitor.class).inNamespace(namespace).withName("iris")
                        .get(), m -> m.getStatus() != null && m.getStatus().getLastRetrain() != null);
        String request = asked.getMetadata().getAnnotations().get("mlcycle.io/retrain-request");
        assertThat(request).as("the action's annotation").isNotBlank();
        assertThat(asked.getStatus().getLastRetrain().getRequest()).isEqualTo(request);
        String retrainJob = asked.getStatus().getLastRetrain().getTrainingJob();
        TrainingJob started = await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1))
                .until(() -> CLUSTER.client().resources(TrainingJob.class).inNamespace(namespace)
                        .withName(retrainJob).get(), Objects::nonNull);
        assertThat(started.getMetadata().getLabels()).containsEntry("mlcycle.io/drift-monitor", "iris");
        JsonNode monitorHealth = await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1))
                .until(() -> argo.resourceHealth(APP, "DriftMonitor", "iris"),
                        h -> "Progressing".equals(h.path("status").asText()));
        assertThat(monitorHealth.path("message").asText()).contains(retrainJob);
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(
                argo.actions(APP, "mlcycle.io", "DriftMonitor", namespace, "iris"))
                .as("no second retrain offered while one runs (maxConcurrent 1)").containsEntry("retrain", false));
        assertThat(argo.status(APP).path("sync").path("status").asText())
                .as("the monitor's TrainingJob is not the Application's, nor is the annotation a diff")
                .isEqualTo("Synced");

        List<String> seen = List.copyOf(observed);
        assertThat(seen).as("health/sync seen").contains("Progressing/Synced", "Healthy/Synced", "Degraded/Synced",
                "Suspended/Synced");
        assertThat(List.copyOf(whileGitHeldStill)).as("sync status while Git held still (the operator wrote status, the "
                + "CRDs defaulted fields): never a diff").isNotEmpty().containsOnly("Synced");
        System.out.printf("Argo CD: Application created to Healthy (trained, validated, approved, served) in %.1f s%n",
                syncToHealthy);
    }

    /** Notes the Application's health and sync status whenever they change. */
    private void observe() {
        JsonNode status = argo.status(APP);
        String now = status.path("health").path("status").asText() + "/" + status.path("sync").path("status").asText();
        synchronized (observed) {
            if (observed.isEmpty() || !observed.get(observed.size() - 1).equals(now)) {
                observed.add(now);
            }
        }
        if (gitHoldsStill) {
            whileGitHeldStill.add(status.path("sync").path("status").asText());
        }
    }

    /** Waits until the Application has synced the repository's head and is {@code health}. */
    private JsonNode awaitHealth(String health, Duration limit) {
        String head = git(repo, "rev-parse", "HEAD").strip();
        JsonNode status = await().atMost(limit).pollInterval(Duration.ofMillis(500))
                .alias(APP + " never " + health + " at " + head + "; seen " + observed)
                .until(() -> argo.status(APP), s -> health.equals(s.path("health").path("status").asText())
                        && "Synced".equals(s.path("sync").path("status").asText())
                        && head.equals(s.path("sync").path("revision").asText()));
        gitHoldsStill = true;
        return status;
    }

    /** Waits for the version's validation, then approves it with kubectl as a person would (it is not in Git). */
    private void approve(String name) {
        served.awaitVersion(name, ModelVersionPhase.Ready);
        CLUSTER.kubectl().run("-n", namespace, "patch", "modelversion", name, "--type", "merge", "-p",
                "{\"spec\":{\"approval\":\"Approved\"}}").assertSuccess();
        assertThat(CLUSTER.client().resources(ModelVersion.class).inNamespace(namespace).withName(name).get()
                .getSpec().getApproval().name()).isEqualTo("Approved");
    }

    /** Commits the work tree; Argo CD may rightly be OutOfSync until it has synced the commit. */
    private void commit(String message) {
        gitHoldsStill = false;
        git(repo, "add", "-A");
        git(repo, "-c", "user.name=mlcycle e2e", "-c", "user.email=e2e@mlcycle.io", "commit", "-q", "-m", message);
    }

    private static String git(Path repo, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        return ProgramRun.run(command, Map.of(), Duration.ofSeconds(30)).assertSuccess().stdout();
    }

    private static String run(String... command) {
        return ProgramRun.run(List.of(command), Map.of(), Duration.ofSeconds(30)).assertSuccess().stdout();
    }
}
