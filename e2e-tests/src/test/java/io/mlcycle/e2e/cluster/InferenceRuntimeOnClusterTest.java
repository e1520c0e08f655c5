package io.mlcycle.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.mlcycle.e2e.support.ClusterS3;
import io.mlcycle.e2e.support.TestCluster;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inference runtime image on the cluster's node: an XGBoost model trained here with xgboost4j is put in the
 * cluster's S3 store, served by a hardened Deployment reading it with Secret {@code mlcycle-s3}, and answers OIP REST
 * and gRPC (Triton's Python client, from the runtime tests' virtualenv) at its Service address from the host with
 * xgboost4j's own predictions; a TorchScript model written by real PyTorch is served with PyTorch's numbers; a wrong
 * digest keeps the pod unready.
 */
class InferenceRuntimeOnClusterTest {

    private static final String IMAGE = "mlcycle.local/inference-runtime:0.1.0-SNAPSHOT";
    private static final int FEATURES = 4;
    private static final Duration STARTUP = Duration.ofMinutes(3);

    private final TestCluster cluster = TestCluster.get();
    private final String namespace = cluster.createNamespace("runtime");
    private final ClusterS3 s3 = new ClusterS3(cluster);
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    private Booster booster;
    private String modelUri;
    private String sha256;

    @BeforeEach
    void trainAndUploadModel() throws Exception {
        booster = train();
        Path model = dir.resolve("model.json");
        booster.saveModel(model.toString());
        sha256 = sha256(model);
        modelUri = s3.put(model, namespace + "/model.json");
        s3.copyKeysTo(namespace);
    }

    @AfterEach
    void deleteNamespace() {
        cluster.deleteNamespace(namespace);
    }

    @Test
    void servesTheModelFromS3OverRestAndGrpcWithXgboostsOwnPredictions() throws Exception {
        cluster.client().resource(runtime("churn", sha256)).create();
        cluster.client().resource(new ServiceBuilder()
                .withNewMetadata().withName("churn").withNamespace(namespace).endMetadata()
                .withNewSpec().withSelector(Map.of("app", "churn"))
                    .addNewPort().withName("http").withPort(8080).withTargetPort(new IntOrString(8080)).endPort()
                    .addNewPort().withName("grpc").withPort(8081).withTargetPort(new IntOrString(8081)).endPort()
                .endSpec().build()).create();
        cluster.client().apps().deployments().inNamespace(namespace).withName("churn")
                .waitUntilCondition(d -> d != null && d.getStatus() != null
                        && Objects.equals(d.getStatus().getReadyReplicas(), 1), STARTUP.toSeconds(), TimeUnit.SECONDS);
        String clusterIp = cluster.client().services().inNamespace(namespace).withName("churn").get().getSpec()
                .getClusterIP();
        String base = "http://" + clusterIp + ":8080/v2/models/churn";

        float[][] rows = new float[8][FEATURES];
        Random random = new Random(7);
        for (float[] row : rows) {
            for (int f = 0; f < FEATURES; f++) {
                row[f] = (float) random.nextGaussian();
            }
        }
        HttpResponse<String> answer = post(base + "/infer", json.writeValueAsString(Map.of("inputs", List.of(Map.of(
                "name", "input", "datatype", "FP32", "shape", List.of(rows.length, FEATURES), "data", rows)))));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode output = json.readTree(answer.body()).path("outputs").path(0);
        assertThat(output.path("name").asText()).isEqualTo("output");
        float[][] expected = booster.predict(matrix(rows));
        assertThat(output.path("data")).hasSize(rows.length);
        for (int r = 0; r < rows.length; r++) {
            assertThat(output.path("data").path(r).asDouble()).as("row %d", r).isCloseTo(expected[r][0], within(1e-5));
        }

        JsonNode overGrpc = json.readTree(tritonGrpcInfer(clusterIp + ":8081", "churn", rows));
        assertThat(overGrpc).hasSize(rows.length);
        for (int r = 0; r < rows.length; r++) {
            assertThat(overGrpc.path(r).asDouble()).as("gRPC row %d", r).isCloseTo(expected[r][0], within(1e-5));
        }

        HttpResponse<String> malformed = post(base + "/infer", "{\"inputs\": [{\"name\": \"input\", \"datatype\": "
                + "\"FP32\", \"shape\": [1, " + FEATURES + "], \"data\": [1, 2]}]}");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json.readTree(malformed.body()).path("error").asText()).contains("input");
    }

    /**
     * PyTorch in the image: real PyTorch (Debian's python3-torch, as the runtime's TorchScript test uses it) scripts
     * an MLP with two outputs; the runtime unpacks its own libtorch into the cache emptyDir on the read-only root and
     * answers with PyTorch's numbers.
     */
    @Test
    void servesATorchScriptModelFromS3WithPytorchsOwnNumbers() throws Exception {
        runScript(Duration.ofMinutes(2), "/usr/bin/python3", "../inference-runtime/src/test/python/make_torchscript.py",
                dir.toString());
        Path model = dir.resolve("model");
        Files.writeString(model.resolve("mlcycle-model.json"), """
                {"format": "torchscript", "file": "mlp.pt", "signature": {
                  "inputs": [{"name": "features", "datatype": "FP32", "shape": [-1, 4]}],
                  "outputs": [{"name": "logits", "datatype": "FP32", "shape": [-1, 3]},
                              {"name": "probabilities", "datatype": "FP32", "shape": [-1, 3]}]}}
                """);
        Path archive = dir.resolve("mlp.tar.gz");
        runScript(Duration.ofMinutes(1), "tar", "-czf", archive.toString(), "-C", model.toString(), "mlp.pt",
                "mlcycle-model.json");
        String key = "mlcycle/" + namespace + "/mlp.tar.gz";
        assertThat(s3.request("-X", "PUT", "--data-binary", "@" + archive, s3.hostEndpoint() + "/" + key))
                .isEqualTo("200");
        cluster.client().resource(runtime("mlp", "s3://" + key, sha256(archive))).create();
        cluster.client().apps().deployments().inNamespace(namespace).withName("mlp")
                .waitUntilCondition(d -> d != null && d.getStatus() != null
                        && Objects.equals(d.getStatus().getReadyReplicas(), 1), STARTUP.toSeconds(), TimeUnit.SECONDS);
        String podIp = cluster.client().pods().inNamespace(namespace).withLabel("app", "mlp").list().getItems()
                .get(0).getStatus().getPodIP();

        JsonNode expected = json.readTree(dir.resolve("expected.json").toFile());
        HttpResponse<String> answer = post("http://" + podIp + ":8080/v2/models/mlp/infer", json.writeValueAsString(
                Map.of("inputs", List.of(Map.of("name", "features", "datatype", "FP32", "shape", List.of(2, 4),
                        "data", expected.path("probe"))))));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode outputs = json.readTree(answer.body()).path("outputs");
        assertThat(outputs.findValuesAsText("name")).containsExactly("logits", "probabilities");
        for (int o = 0; o < 2; o++) {
            JsonNode want = expected.path(outputs.path(o).path("name").asText());
            JsonNode data = outputs.path(o).path("data");
            assertThat(data).hasSize(6);
            for (int i = 0; i < 6; i++) {
                assertThat(data.path(i).asDouble()).as("%s[%d]", outputs.path(o).path("name").asText(), i)
                        .isCloseTo(want.path(i / 3).path(i % 3).asDouble(), within(1e-5));
            }
        }
        assertThat(reasons("mlp")).as("the engine the runtime says it loaded").contains("mlp:1 (PyTorch)");
    }

    @Test
    void aWrongDigestNeverBecomesReadyAndSaysSha256Mismatch() {
        cluster.client().resource(runtime("tampered", "0".repeat(64))).create();

        String seen = await().atMost(STARTUP).pollInterval(Duration.ofSeconds(1))
                .until(() -> reasons("tampered"), text -> text.contains("sha256 mismatch"));

        assertThat(seen).contains(sha256);
        assertThat(cluster.client().apps().deployments().inNamespace(namespace).withName("tampered").get()
                .getStatus().getReadyReplicas()).isNull();
    }

    private Deployment runtime(String name, String digest) {
        return runtime(name, modelUri, digest);
    }

    /** The runtime as its image documents it: uid 1001, read-only root, emptyDirs on /tmp and the cache. */
    private Deployment runtime(String name, String uri, String digest) {
        List<EnvVar> env = List.of(
                new EnvVar("MLCYCLE_RUNTIME_MODEL_URI", uri, null),
                new EnvVar("MLCYCLE_RUNTIME_SHA256", digest, null),
                new EnvVar("MLCYCLE_RUNTIME_NAME", name, null),
                new EnvVar("MLCYCLE_RUNTIME_VERSION", "1", null),
                new EnvVar("MLCYCLE_RUNTIME_WORKERS", "1", null));
        return new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().withReplicas(1)
                    .withNewSelector().withMatchLabels(Map.of("app", name)).endSelector()
                    .withNewTemplate()
                        .withNewMetadata().withLabels(Map.of("app", name)).endMetadata()
                        .withNewSpec()
                            .withAutomountServiceAccountToken(false)
                            .withTerminationGracePeriodSeconds(1L)
                            .addNewContainer().withName("runtime").withImage(IMAGE).withImagePullPolicy("Never")
                                .withEnv(env)
                                .addNewEnvFrom().withNewSecretRef().withName("mlcycle-s3").endSecretRef().endEnvFrom()
                                .addNewPort().withContainerPort(8080).withName("http").endPort()
                                .addNewPort().withContainerPort(8081).withName("grpc").endPort()
                                .withTerminationMessagePolicy("FallbackToLogsOnError")
                                .withNewReadinessProbe()
                                    .withNewHttpGet().withPath("/v2/health/ready").withPort(new IntOrString(8080)).endHttpGet()
                                    .withPeriodSeconds(1).withFailureThreshold(1)
                                .endReadinessProbe()
                                .withNewSecurityContext()
                                    .withRunAsNonRoot(true).withRunAsUser(1001L).withRunAsGroup(0L)
                                    .withReadOnlyRootFilesystem(true).withAllowPrivilegeEscalation(false)
                                    .withNewCapabilities().withDrop("ALL").endCapabilities()
                                .endSecurityContext()
                                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                                .addNewVolumeMount().withName("cache").withMountPath("/var/cache/mlcycle").endVolumeMount()
                            .endContainer()
                            .addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume()
                            .addNewVolume().withName("cache").withNewEmptyDir().endEmptyDir().endVolume()
                        .endSpec()
                    .endTemplate()
                .endSpec().build();
    }

    /** The runtime pods' logs and termination messages so far (current and previous runs), for the test to search. */
    private String reasons(String app) {
        StringBuilder text = new StringBuilder();
        for (Pod pod : cluster.client().pods().inNamespace(namespace).withLabel("app", app).list().getItems()) {
            Stream.ofNullable(pod.getStatus().getContainerStatuses()).flatMap(List::stream)
                    .flatMap(InferenceRuntimeOnClusterTest::terminations)
                    .forEach(t -> text.append(t.getMessage()).append('\n'));
            try {
                text.append(cluster.client().pods().inNamespace(namespace).withName(pod.getMetadata().getName())
                        .getLog());
            } catch (RuntimeException notStartedYet) {
                // no logs before the container first starts
            }
        }
        return text.toString();
    }

    private static Stream<ContainerStateTerminated> terminations(ContainerStatus status) {
        return Stream.of(status.getState(), status.getLastState())
                .filter(Objects::nonNull).map(s -> s.getTerminated()).filter(Objects::nonNull);
    }

    /**
     * Runs {@code src/test/python/grpc_infer.py} with Triton's gRPC client in the virtualenv the runtime's interop
     * test sets up ({@code inference-runtime/src/test/python/setup-triton-venv.sh}: created once, reused after).
     */
    private String tritonGrpcInfer(String address, String model, float[][] rows) throws Exception {
        String python = runScript(Duration.ofMinutes(10), "bash", "../inference-runtime/src/test/python/setup-triton-venv.sh");
        return runScript(Duration.ofMinutes(1), python, "src/test/python/grpc_infer.py", address, model,
                json.writeValueAsString(rows));
    }

    /** Runs a command to its end and returns the last line it printed (its result; anything before is diagnostics). */
    private String runScript(Duration limit, String... command) throws Exception {
        // Output to a file, not a pipe: a chatty command (pip) must not block on a full pipe nobody reads yet.
        Path log = Files.createTempFile(dir, "script", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = process.waitFor(limit.toSeconds(), TimeUnit.SECONDS);
        if (!done) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(done && process.exitValue() == 0).as(String.join(" ", command) + " failed:\n" + output).isTrue();
        return output.lines().reduce((first, second) -> second).orElse("").trim();
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private HttpResponse<String> post(String url, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A binary classifier on synthetic data: label = sign of a linear score of the 4 features. */
    private static Booster train() throws Exception {
        Random random = new Random(42);
        float[][] rows = new float[300][FEATURES];
        float[] labels = new float[rows.length];
        for (int r = 0; r < rows.length; r++) {
            for (int f = 0; f < FEATURES; f++) {
                rows[r][f] = (float) random.nextGaussian();
            }
            labels[r] = rows[r][0] + 2 * rows[r][1] - rows[r][2] > 0 ? 1 : 0;
        }
        DMatrix train = matrix(rows);
        train.setLabel(labels);
        Map<String, Object> params = new HashMap<>(Map.of("objective", "binary:logistic", "max_depth", 3,
                "nthread", 1, "seed", 1));
        return XGBoost.train(train, params, 10, new HashMap<>(), null, null);
    }

    private static DMatrix matrix(float[][] rows) throws Exception {
        float[] data = new float[rows.length * FEATURES];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, data, r * FEATURES, FEATURES);
        }
        return new DMatrix(data, rows.length, FEATURES, Float.NaN);
    }
}
