package io.mlcycle.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.mlcycle.api.v1alpha1.Approval;
import io.mlcycle.api.v1alpha1.InferenceService;
import io.mlcycle.api.v1alpha1.ModelVersion;
import io.mlcycle.api.v1alpha1.ModelVersionPhase;
import io.mlcycle.api.v1alpha1.StatusCondition;
import io.mlcycle.api.v1alpha1.TrainingJob;
import io.mlcycle.api.v1alpha1.TrainingJobPhase;

/**
 * The serving and rollout stories' common ground: one churn model trained by the built-in trainer once per test run
 * (every story registers versions of its own on its artifact), and, per test namespace, registering versions, applying
 * InferenceServices and waiting for their status.
 */
public final class ServedModels {

    public static final Duration READY = Duration.ofMinutes(4);

    private static ModelVersion trained;
    private static ModelVersion relabelled;

    private final TestCluster cluster;
    private final String namespace;

    public ServedModels(TestCluster cluster, String namespace) {
        this.cluster = cluster;
        this.namespace = namespace;
    }

    /**
     * The ModelVersion the trainer registered, trained on the first call of the run; its namespace is deleted when
     * the test JVM exits.
     */
    public static synchronized ModelVersion trained() throws Exception {
        if (trained == null) {
            trained = train(TestCluster.get(), ChurnDataset.csv(600, 5));
        }
        return trained;
    }

    /**
     * A model of the same features trained on the same rows with every label flipped: it answers as fast and as
     * well-formed as {@link #trained}, but predicts the opposite.
     */
    public static synchronized ModelVersion relabelled() throws Exception {
        if (relabelled == null) {
            String flipped = ChurnDataset.csv(600, 5).replaceAll(",yes\n", ",was-yes\n").replaceAll(",no\n", ",yes\n")
                    .replaceAll(",was-yes\n", ",no\n");
            relabelled = train(TestCluster.get(), flipped);
        }
        return relabelled;
    }

    private static ModelVersion train(TestCluster cluster, String table) throws Exception {
        String namespace = cluster.createNamespace("serving-train");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> cluster.deleteNamespace(namespace)));
        ClusterS3 s3 = new ClusterS3(cluster);
        Path csv = Files.createTempFile("churn", ".csv");
        Files.writeString(csv, table);
        String dataset = s3.put(csv, namespace + "/data/churn.csv");
        Files.delete(csv);
        s3.copyKeysTo(namespace);
        TrainingJob job = cluster.client().getKubernetesSerialization().unmarshal("""
                apiVersion: mlcycle.io/v1alpha1
                kind: TrainingJob
                metadata: {name: churn-train}
                spec:
                  model: churn
                  dataset: {uri: "%s"}
                  output: {uri: "s3://mlcycle/%s/models"}
                  trainer:
                    builtin: {algorithm: xgboost, target: churned, hyperparameters: {rounds: "20", max_depth: "3"}}
                """.formatted(dataset, namespace), TrainingJob.class);
        job.getMetadata().setNamespace(namespace);
        cluster.client().resource(job).create();
        TrainingJob done = await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofSeconds(1))
                .until(() -> cluster.client().resources(TrainingJob.class).inNamespace(namespace)
                        .withName("churn-train").get(), tj -> tj.getStatus() != null
                        && (tj.getStatus().getPhase() == TrainingJobPhase.Succeeded
                        || tj.getStatus().getPhase() == TrainingJobPhase.Failed));
        assertThat(done.getStatus().getPhase()).as("training").isEqualTo(TrainingJobPhase.Succeeded);
        return cluster.client().resources(ModelVersion.class).inNamespace(namespace)
                .withName(done.getStatus().getModelVersion()).get();
    }

    /** A ModelVersion {@code churn-<version>} on {@code artifactUri}, the trained one's digest, signature and features. */
    public ModelVersion version(String version, Approval approval, String artifactUri) throws Exception {
        return version(version, approval, artifactUri, trained());
    }

    private ModelVersion version(String version, Approval approval, String artifactUri, ModelVersion source) {
        ModelVersion copy = cluster.client().getKubernetesSerialization().clone(source);
        copy.setMetadata(new ObjectMetaBuilder().withName("churn-" + version).withNamespace(namespace).build());
        copy.setStatus(null);
        copy.getSpec().setVersion(version);
        copy.getSpec().setApproval(approval);
        copy.getSpec().getArtifact().setUri(artifactUri);
        copy.getSpec().setLineage(null);
        return copy;
    }

    /** Registers version {@code version} on the trained artifact and waits until it is Ready. */
    public void register(String version, Approval approval) throws Exception {
        register(version, approval, trained().getSpec().getArtifact().getUri());
    }

    public void register(String version, Approval approval, String artifactUri) throws Exception {
        cluster.client().resource(version(version, approval, artifactUri)).create();
        awaitVersion("churn-" + version, ModelVersionPhase.Ready);
    }

    /** Registers version {@code version} of another trained model ({@link #relabelled}) and waits until it is Ready. */
    public void register(String version, Approval approval, ModelVersion source) {
        cluster.client().resource(version(version, approval, source.getSpec().getArtifact().getUri(), source)).create();
        awaitVersion("churn-" + version, ModelVersionPhase.Ready);
    }

    public void awaitVersion(String name, ModelVersionPhase phase) {
        await().atMost(READY).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            ModelVersion version = cluster.client().resources(ModelVersion.class).inNamespace(namespace).withName(name)
                    .get();
            ModelVersionPhase now = version == null || version.getStatus() == null ? null : version.getStatus().getPhase();
            if (now != phase && (now == ModelVersionPhase.Ready || now == ModelVersionPhase.Failed)) {
                // not an AssertionError: stop waiting at once, a validation verdict is final
                throw new IllegalStateException(name + " ended " + now + " instead of " + phase + ": "
                        + version.getStatus().getConditions());
            }
            assertThat(now).as(name).isEqualTo(phase);
        });
    }

    public void apply(String yaml) {
        InferenceService service = cluster.client().getKubernetesSerialization().unmarshal(yaml, InferenceService.class);
        service.getMetadata().setNamespace(namespace);
        cluster.client().resource(service).create();
    }

    public InferenceService get(String name) {
        return cluster.client().resources(InferenceService.class).inNamespace(namespace).withName(name).get();
    }

    public InferenceService awaitService(String name, Predicate<InferenceService> condition) {
        return awaitService(name, READY, condition);
    }

    public InferenceService awaitService(String name, Duration limit, Predicate<InferenceService> condition) {
        return await().atMost(limit).pollInterval(Duration.ofMillis(500))
                .alias(name + " never got there; last status: " + Optional.ofNullable(get(name))
                        .map(InferenceService::getStatus).map(Object::toString).orElse("none"))
                .until(() -> get(name), s -> s != null && s.getStatus() != null && condition.test(s));
    }

    /** The reasons and messages of the Events about {@code name}, one per line. */
    public String events(String name) {
        return String.join("\n", cluster.client().v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> name.equals(e.getInvolvedObject().getName())).map(e -> e.getReason() + " " + e.getMessage())
                .toList());
    }

    public static boolean ready(InferenceService service, String status) {
        StatusCondition ready = condition(service, "Ready");
        return ready != null && status.equals(ready.getStatus().name());
    }

    public static String readyReason(InferenceService service) {
        return Optional.ofNullable(condition(service, "Ready")).map(StatusCondition::getReason).orElse(null);
    }

    public static StatusCondition condition(InferenceService service, String type) {
        return Optional.ofNullable(service.getStatus().getConditions()).orElse(List.of()).stream()
                .filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }

    public static String inputName() throws Exception {
        return trained().getSpec().getSignature().getInputs().get(0).getName();
    }

    public static String outputName() throws Exception {
        return trained().getSpec().getSignature().getOutputs().get(0).getName();
    }

    /** {@code count} rows of the model's features, small integers as the churn dataset has. */
    public static float[][] rows(int count) throws Exception {
        int features = trained().getSpec().getFeatures().size();
        float[][] rows = new float[count][features];
        for (int r = 0; r < count; r++) {
            for (int f = 0; f < features; f++) {
                rows[r][f] = (r + 1) * (f + 1) % 5;
            }
        }
        return rows;
    }

    /** An OIP inference request body of {@link #rows}. */
    public static Map<String, Object> request(int count) throws Exception {
        float[][] rows = rows(count);
        return Map.of("inputs", List.of(Map.of("name", inputName(), "datatype", "FP32",
                "shape", List.of(rows.length, rows[0].length), "data", rows)));
    }
}
