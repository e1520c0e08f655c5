package io.mlcycle.e2e.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.mlcycle.api.v1alpha1.ModelVersion;
import io.mlcycle.api.v1alpha1.ModelVersionPhase;
import io.mlcycle.api.v1alpha1.StatusCondition;
import io.mlcycle.api.v1alpha1.TrainingJob;
import io.mlcycle.api.v1alpha1.TrainingJobPhase;
import io.mlcycle.e2e.support.ChurnDataset;
import io.mlcycle.e2e.support.ClusterS3;
import io.mlcycle.e2e.support.TestCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first half of a model's life on the local cluster, driven only through the API as a user would: TrainingJobs
 * applied in a namespace are run by the operator (the Helm-installed pod), train with the built-in trainer image on a
 * CSV in the cluster's S3 store, and register ModelVersions that the inference runtime image validates, golden
 * examples included; failures say why in status.
 */
class TrainingOnClusterTest {

    private static final Duration TRAINING = Duration.ofMinutes(8);

    private final TestCluster cluster = TestCluster.get();
    private final String namespace = cluster.createNamespace("training");
    private final ClusterS3 s3 = new ClusterS3(cluster);

    @TempDir
    Path dir;

    private String datasetUri;
    private String datasetSha256;

    @BeforeEach
    void uploadDatasetAndKeys() throws Exception {
        Path csv = dir.resolve("churn.csv");
        Files.writeString(csv, ChurnDataset.csv(1200, 11));
        datasetSha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(csv)));
        datasetUri = s3.put(csv, namespace + "/data/churn.csv");
        s3.copyKeysTo(namespace);
    }

    @AfterEach
    void deleteNamespace() {
        cluster.deleteNamespace(namespace);
    }

    @Test
    void xgboostAndMlpRunsOfOneModelRegisterDistinctVersionsThatValidateWithTheTrainersOwnAnswers() throws Exception {
        apply(trainingJob("churn-xgb", """
                trainer:
                  builtin: {algorithm: xgboost, target: churned, hyperparameters: {rounds: "40", max_depth: "4"}}
                """));
        apply(trainingJob("churn-mlp", """
                trainer:
                  builtin: {algorithm: mlp, target: churned, hyperparameters: {epochs: "30", hidden: "16"}}
                resources: {memory: 2Gi}
                """));

        TrainingJob xgb = awaitPhase("churn-xgb", TrainingJobPhase.Succeeded);
        TrainingJob mlp = awaitPhase("churn-mlp", TrainingJobPhase.Succeeded);

        assertThat(List.of(xgb.getStatus().getModelVersion(), mlp.getStatus().getModelVersion()))
                .containsExactlyInAnyOrder("churn-1", "churn-2");
        assertThat(xgb.getStatus().getMetrics().get("auc")).isGreaterThan(0.9);
        assertThat(mlp.getStatus().getMetrics()).containsKeys("accuracy", "auc", "f1", "logloss");
        assertThat(xgb.getStatus().getStartTime()).isNotBlank();
        assertThat(xgb.getStatus().getCompletionTime()).isNotBlank();
        assertCondition(xgb.getStatus().getConditions(), "Succeeded", "True");
        Job job = cluster.client().batch().v1().jobs().inNamespace(namespace).withName("churn-xgb").get();
        assertThat(job.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getUid()).isEqualTo(xgb.getMetadata().getUid()));

        for (TrainingJob run : List.of(xgb, mlp)) {
            ModelVersion version = awaitVersion(run.getStatus().getModelVersion(), ModelVersionPhase.Ready);
            assertThat(version.getMetadata().getOwnerReferences()).as("deleting a run never deletes a model").isEmpty();
            assertThat(version.getMetadata().getLabels()).containsEntry("mlcycle.io/model", "churn");
            assertThat(version.getSpec().getLineage().getTrainingJob()).isEqualTo(run.getMetadata().getName());
            assertThat(version.getSpec().getLineage().getDataset().getUri()).isEqualTo(datasetUri);
            assertThat(version.getSpec().getLineage().getDataset().getSha256()).isEqualTo(datasetSha256);
            assertThat(version.getSpec().getArtifact().getUri())
                    .startsWith("s3://mlcycle/" + namespace + "/models/" + run.getMetadata().getName() + "/");
            assertThat(version.getSpec().getFeatures()).extracting(f -> f.getName())
                    .containsExactly("tenure", "monthly", "support_calls", "plan");
            assertThat(version.getSpec().getReferenceProfile().getSamples()).isPositive();
            assertThat(version.getStatus().getValidatedDigest()).isEqualTo(version.getSpec().getArtifact().getSha256());
            // The runtime image in validate mode answered the trainer's golden examples as the trainer did.
            assertThat(readyMessage(version)).matches("(?s)valid churn:\\d+: .*golden examples: \\d+ example values agree.*");
        }

        String table = cluster.kubectl().run("get", "tj,mv", "-n", namespace).assertSuccess().stdout();
        assertThat(table).containsPattern("churn-xgb\\s+churn\\s+Succeeded\\s+\\d+\\s+churn-\\d\\s+Succeeded")
                .containsPattern("churn-1\\s+churn\\s+1\\s+(xgboost|pytorch)\\s+auc=0\\.\\d+\\s+Pending\\s+True\\s+Validated");
        System.out.println("$ kubectl get tj,mv -n " + namespace + "\n" + table);

        String labelled = cluster.kubectl().run("get", "mv", "-n", namespace, "-l", "mlcycle.io/model=churn", "-o", "name")
                .assertSuccess().stdout();
        assertThat(labelled.lines()).hasSize(2);
        assertThat(events("churn-xgb")).contains("Succeeded");
        assertThat(operatorMetrics()).contains("mlcycle_reconcile_seconds_count{kind=\"TrainingJob\"");
    }

    @Test
    void anOperatorKilledMidTrainingResumesFromStatusAndRegistersTheRunOnce() {
        apply(trainingJob("churn-survivor", """
                trainer:
                  builtin: {algorithm: mlp, target: churned, hyperparameters: {epochs: "300", hidden: "32,32"}}
                resources: {memory: 2Gi}
                """));
        awaitPhase("churn-survivor", TrainingJobPhase.Running);

        Pod operator = cluster.client().pods().inNamespace("mlcycle-system")
                .withLabel("app.kubernetes.io/name", "mlcycle-operator").list().getItems().get(0);
        // SIGKILL: no grace period, no shutdown hooks, the Lease is not released.
        cluster.client().pods().inNamespace("mlcycle-system").withName(operator.getMetadata().getName())
                .withGracePeriod(0).delete();

        TrainingJob done = awaitPhase("churn-survivor", TrainingJobPhase.Succeeded);
        List<ModelVersion> registered = cluster.client().resources(ModelVersion.class).inNamespace(namespace)
                .withLabel("mlcycle.io/training-job-uid", done.getMetadata().getUid()).list().getItems();
        assertThat(registered).extracting(v -> v.getMetadata().getName()).containsExactly(done.getStatus().getModelVersion());
        awaitVersion(done.getStatus().getModelVersion(), ModelVersionPhase.Ready);
        await().atMost(TestCluster.patience()).until(() -> cluster.client().apps().deployments()
                .inNamespace("mlcycle-system").withName("mlcycle-operator").get().getStatus().getReadyReplicas(),
                ready -> ready != null && ready == 1);
    }

    @Test
    void suspendingARunningTrainingStopsItsPodsAndResumingStartsThemAgain() {
        apply(trainingJob("pausable", """
                trainer: {image: mlcycle.local/busybox:1, command: [/bin/sh, -c, "trap 'exit 0' TERM; sleep 600 & wait"]}
                """));
        awaitPhase("pausable", TrainingJobPhase.Running);

        cluster.client().resources(TrainingJob.class).inNamespace(namespace).withName("pausable")
                .edit(tj -> {
                    tj.getSpec().setSuspend(true);
                    return tj;
                });
        awaitPhase("pausable", TrainingJobPhase.Suspended);
        await().atMost(TestCluster.patience()).until(() -> cluster.client().pods().inNamespace(namespace)
                .withLabel("mlcycle.io/training-job", "pausable").list().getItems().isEmpty());

        cluster.client().resources(TrainingJob.class).inNamespace(namespace).withName("pausable")
                .edit(tj -> {
                    tj.getSpec().setSuspend(false);
                    return tj;
                });
        awaitPhase("pausable", TrainingJobPhase.Running);
    }

    @Test
    void aWrongDatasetDigestAMissingDatasetAFailingTrainerAndADeadlineEachSayWhy() throws Exception {
        apply(trainingJob("digest", """
                trainer: {builtin: {algorithm: xgboost, target: churned}}
                backoffLimit: 0
                """).replace("uri: " + datasetUri, "uri: " + datasetUri + "\n    sha256: " + "0".repeat(64)));
        apply(trainingJob("missing", """
                trainer: {builtin: {algorithm: xgboost, target: churned}}
                backoffLimit: 0
                """).replace(datasetUri, datasetUri + ".gone"));
        apply(trainingJob("custom-fails", """
                trainer:
                  image: mlcycle.local/busybox:1
                  command: [/bin/sh, -c, "echo 'cannot reach the feature store' > /dev/termination-log; exit 3"]
                backoffLimit: 0
                """));
        apply(trainingJob("deadline", """
                trainer:
                  image: mlcycle.local/busybox:1
                  command: [/bin/sh, -c, "sleep 300"]
                activeDeadlineSeconds: 5
                """));
        apply(trainingJob("greedy", """
                trainer:
                  image: mlcycle.local/busybox:1
                  command: [/bin/sh, -c, "x=$(head -c 200000000 /dev/zero | tr '\\\\000' a); echo ${#x}"]
                resources: {memory: 32Mi}
                backoffLimit: 0
                """));

        assertFailure("digest", "DatasetDigestMismatch", "0".repeat(64));
        assertFailure("missing", "DatasetNotFound", ".gone");
        assertFailure("custom-fails", "TrainerFailed", "exited with code 3: cannot reach the feature store");
        assertFailure("deadline", "DeadlineExceeded", "activeDeadlineSeconds (5 s)");
        assertFailure("greedy", "OOMKilled", "32Mi");
        assertThat(cluster.client().resources(ModelVersion.class).inNamespace(namespace).list().getItems()).isEmpty();
    }

    @Test
    void gpuRunsGetTheTolerationAndTheirDevicesOrSayTheSchedulersReason() {
        apply(trainingJob("one-gpu", """
                trainer:
                  image: mlcycle.local/busybox:1
                  command: [/bin/sh, -c, "echo visible=$NVIDIA_VISIBLE_DEVICES; exit 1"]
                resources: {gpu: {count: 1}}
                backoffLimit: 0
                """));
        apply(trainingJob("five-gpus", """
                trainer: {image: mlcycle.local/busybox:1, command: [/bin/sh, -c, "true"]}
                resources: {gpu: {count: 5}}
                """));

        TrainingJob one = awaitPhase("one-gpu", TrainingJobPhase.Failed);
        assertThat(message(one.getStatus().getConditions(), "Failed")).containsPattern("visible=GPU-[0-3]");
        Pod pod = cluster.client().pods().inNamespace(namespace).withLabel("mlcycle.io/training-job", "one-gpu").list()
                .getItems().get(0);
        assertThat(pod.getSpec().getTolerations()).anySatisfy(t -> {
            assertThat(t.getKey()).isEqualTo("nvidia.com/gpu");
            assertThat(t.getEffect()).isEqualTo("NoSchedule");
        });

        await().atMost(TestCluster.patience()).untilAsserted(() -> {
            TrainingJob five = get("five-gpus");
            assertThat(five.getStatus()).isNotNull();
            assertThat(five.getStatus().getPhase()).isEqualTo(TrainingJobPhase.Pending);
            assertThat(message(five.getStatus().getConditions(), "Ready")).contains("Insufficient nvidia.com/gpu");
        });
        assertThat(cluster.kubectl().run("get", "tj", "five-gpus", "-n", namespace).assertSuccess().stdout())
                .contains("Unschedulable");
    }

    @Test
    void aModelVersionWhoseArtifactDoesNotMatchItsDigestFails() throws Exception {
        Path artifact = dir.resolve("model.json");
        Files.writeString(artifact, "{\"learner\": {}}");
        String uri = s3.put(artifact, namespace + "/models/hand-made/model.json");
        apply(ModelVersion.class, """
                apiVersion: mlcycle.io/v1alpha1
                kind: ModelVersion
                metadata: {name: hand-made-1}
                spec:
                  model: hand-made
                  version: "1"
                  format: xgboost
                  artifact: {uri: "%s", sha256: "%s"}
                """.formatted(uri, "1".repeat(64)));

        ModelVersion version = awaitVersion("hand-made-1", ModelVersionPhase.Failed);
        StatusCondition ready = condition(version.getStatus().getConditions(), "Ready");
        assertThat(ready.getReason()).isEqualTo("DigestMismatch");
        assertThat(ready.getMessage()).contains("1".repeat(64));
        assertThat(version.getMetadata().getLabels()).as("labelled even when a person registered it")
                .containsEntry("mlcycle.io/model", "hand-made");
    }

    private String trainingJob(String name, String body) {
        return """
                apiVersion: mlcycle.io/v1alpha1
                kind: TrainingJob
                metadata: {name: %s}
                spec:
                  model: churn
                  dataset:
                    uri: %s
                  output: {uri: "s3://mlcycle/%s/models"}
                %s""".formatted(name, datasetUri, namespace, body.lines().map(l -> "  " + l)
                .reduce("", (a, b) -> a + b + "\n"));
    }

    private void apply(String yaml) {
        apply(TrainingJob.class, yaml);
    }

    private <T extends io.fabric8.kubernetes.api.model.HasMetadata> void apply(Class<T> kind, String yaml) {
        T resource = cluster.client().getKubernetesSerialization().unmarshal(yaml, kind);
        resource.getMetadata().setNamespace(namespace);
        cluster.client().resource(resource).create();
    }

    private TrainingJob get(String name) {
        return cluster.client().resources(TrainingJob.class).inNamespace(namespace).withName(name).get();
    }

    private TrainingJob awaitPhase(String name, TrainingJobPhase phase) {
        await().atMost(TRAINING).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            TrainingJob tj = get(name);
            assertThat(tj.getStatus()).as(name + " has a status").isNotNull();
            TrainingJobPhase now = tj.getStatus().getPhase();
            if (now != phase && (now == TrainingJobPhase.Succeeded || now == TrainingJobPhase.Failed)) {
                // not an AssertionError: stop waiting at once, the run will not change its mind
                throw new IllegalStateException(name + " ended " + now + " instead of " + phase + ": "
                        + describe(tj.getStatus().getConditions()));
            }
            assertThat(now).as(name + ": " + describe(tj.getStatus().getConditions())).isEqualTo(phase);
        });
        return get(name);
    }

    private ModelVersion awaitVersion(String name, ModelVersionPhase phase) {
        await().atMost(TRAINING).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            ModelVersion version = cluster.client().resources(ModelVersion.class).inNamespace(namespace).withName(name)
                    .get();
            assertThat(version).as(name).isNotNull();
            assertThat(version.getStatus()).as(name + " has a status").isNotNull();
            ModelVersionPhase now = version.getStatus().getPhase();
            if (now != phase && (now == ModelVersionPhase.Ready || now == ModelVersionPhase.Failed)) {
                throw new IllegalStateException(name + " ended " + now + " instead of " + phase + ": "
                        + describe(version.getStatus().getConditions()));
            }
            assertThat(now).as(name + ": " + describe(version.getStatus().getConditions()))
                    .isEqualTo(phase);
        });
        return cluster.client().resources(ModelVersion.class).inNamespace(namespace).withName(name).get();
    }

    private void assertFailure(String name, String reason, String inMessage) {
        TrainingJob tj = awaitPhase(name, TrainingJobPhase.Failed);
        StatusCondition failed = condition(tj.getStatus().getConditions(), "Failed");
        assertThat(failed.getReason()).as(name + ": " + failed.getMessage()).isEqualTo(reason);
        assertThat(failed.getMessage()).contains(inMessage);
        assertCondition(tj.getStatus().getConditions(), "Stalled", "True");
    }

    private static StatusCondition condition(List<StatusCondition> conditions, String type) {
        return Optional.ofNullable(conditions).orElse(List.of()).stream().filter(c -> type.equals(c.getType()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + type + " condition in " + describe(conditions)));
    }

    private static String message(List<StatusCondition> conditions, String type) {
        return condition(conditions, type).getMessage();
    }

    private static void assertCondition(List<StatusCondition> conditions, String type, String status) {
        assertThat(condition(conditions, type).getStatus().name()).as(type).isEqualTo(status);
    }

    private static String readyMessage(ModelVersion version) {
        return message(version.getStatus().getConditions(), "Ready");
    }

    private static String describe(List<StatusCondition> conditions) {
        return conditions == null ? "no conditions" : conditions.stream()
                .map(c -> c.getType() + "=" + c.getStatus() + " " + c.getReason() + ": " + c.getMessage()).toList().toString();
    }

    private String events(String name) {
        return String.join("\n", cluster.client().v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> name.equals(e.getInvolvedObject().getName())).map(e -> e.getReason() + " " + e.getMessage())
                .toList());
    }

    /** The in-cluster operator's /q/metrics, through its Service (the host reaches ClusterIPs over the bridge route). */
    private String operatorMetrics() throws Exception {
        String ip = cluster.client().services().inNamespace("mlcycle-system").withName("mlcycle-operator").get()
                .getSpec().getClusterIP();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://" + ip + ":8080/q/metrics")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
