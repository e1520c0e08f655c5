package io.mlcycle.e2e.api;

import static io.mlcycle.e2e.api.Mistake.remove;
import static io.mlcycle.e2e.api.Mistake.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mlcycle.e2e.support.ProgramRun;
import io.mlcycle.e2e.support.TestCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The API server itself refuses realistic mistakes, naming the field and what is allowed, and stores nothing. */
class InvalidManifestsTest {

    private static final String TRAINING = "iris/trainingjob.yaml";
    private static final String MODEL = "iris/modelversion.yaml";
    private static final String SERVING = "iris/inferenceservice.yaml";
    private static final String DRIFT = "iris/driftmonitor.yaml";

    private static final TestCluster cluster = TestCluster.get();
    private static String namespace;

    @BeforeAll
    static void createNamespace() {
        namespace = cluster.createNamespace("invalid");
    }

    @AfterAll
    static void deleteNamespace() {
        cluster.deleteNamespace(namespace);
    }

    static List<Mistake> mistakes() {
        return List.of(
                // TrainingJob
                create("trainer with both builtin and image", TRAINING, List.of(set("/spec/trainer/image", "ghcr.io/me/train:1")),
                        "spec.trainer", "set exactly one of trainer.builtin (the project's trainer) or trainer.image"),
                create("trainer with neither builtin nor image", TRAINING, List.of(set("/spec/trainer", "{}")),
                        "spec.trainer", "set exactly one of trainer.builtin"),
                create("builtin trainer asked for 4 workers", TRAINING, List.of(set("/spec/workers", "4")),
                        "spec.workers", "the builtin trainer runs a single worker"),
                create("three workers on a runtime that cannot run them", TRAINING, List.of(
                                set("/spec/trainer", "{image: \"example.org/ddp:1\"}"), set("/spec/workers", "3"),
                                set("/spec/runtime", "RayJob")),
                        "spec.workers", "workers > 1 is supported with runtime Job or JobSet"),
                create("zero workers", TRAINING, List.of(set("/spec/workers", "0")),
                        "spec.workers", "should be greater than or equal to 1"),
                create("unknown algorithm", TRAINING, List.of(set("/spec/trainer/builtin/algorithm", "randomforest")),
                        "spec.trainer.builtin.algorithm", "supported values: \"linear\", \"mlp\", \"xgboost\""),
                create("dataset on an unsupported scheme", TRAINING, List.of(set("/spec/dataset/uri", "gs://bucket/iris.csv")),
                        "spec.dataset.uri", "s3://, http://, https://, pvc:// or file://"),
                create("dataset digest too short", TRAINING, List.of(set("/spec/dataset/sha256", "abc123")),
                        "spec.dataset.sha256", "exactly 64 lowercase hex characters"),
                create("memory that is not a quantity", TRAINING, List.of(set("/spec/resources/memory", "lots")),
                        "spec.resources.memory", "must be a Kubernetes quantity such as 500m, 2, 512Mi or 4Gi"),
                create("32 GPUs per pod", TRAINING, List.of(set("/spec/resources/gpu", "{count: 32}")),
                        "spec.resources.gpu.count", "should be less than or equal to 16"),
                create("GPU resource without a vendor domain", TRAINING,
                        List.of(set("/spec/resources/gpu", "{count: 1, resourceName: gpu}")),
                        "spec.resources.gpu.resourceName", "extended resource name such as nvidia.com/gpu"),
                create("model name with capitals and underscore", TRAINING, List.of(set("/spec/model", "Iris_Model")),
                        "spec.model", "lowercase DNS-1123 label"),
                create("no output location", TRAINING, List.of(remove("/spec/output")),
                        "spec.output", "Required value"),
                create("target listed among the features", TRAINING,
                        List.of(set("/spec/trainer/builtin/features", "[sepal_length, species]")),
                        "spec.trainer.builtin.features", "must not contain the target column"),
                create("command given to the builtin trainer", TRAINING, List.of(set("/spec/trainer/command", "[python, train.py]")),
                        "spec.trainer", "apply to trainer.image only"),
                create("toleration with Exists and a value", TRAINING,
                        List.of(set("/spec/scheduling/tolerations", "[{key: nvidia.com/gpu, operator: Exists, value: present}]")),
                        "spec.scheduling.tolerations[0].value", "operator Exists must not set value"),
                // ModelVersion
                create("digest in upper case", MODEL,
                        List.of(set("/spec/artifact/sha256", "3F29546453678B855931C174A97D6C0894B8F546F2D0D9E8F8B4C1E6A1B2C3D4")),
                        "spec.artifact.sha256", "exactly 64 lowercase hex characters"),
                create("artifact on ftp", MODEL, List.of(set("/spec/artifact/uri", "ftp://models/iris/model.json")),
                        "spec.artifact.uri", "s3://, http://, https://, pvc:// or file://"),
                create("format the runtime cannot load", MODEL, List.of(set("/spec/format", "tensorflow")),
                        "spec.format", "supported values: \"onnx\", \"pytorch\", \"xgboost\""),
                create("approval as yes", MODEL, List.of(set("/spec/approval", "\"yes\"")),
                        "spec.approval", "supported values: \"Approved\", \"Pending\", \"Rejected\""),
                create("tensor datatype spelled FLOAT32", MODEL, List.of(set("/spec/signature/inputs/0/datatype", "FLOAT32")),
                        "spec.signature.inputs[0].datatype", "supported values: \"BOOL\", \"BYTES\", \"FP16\", \"FP32\""),
                create("reference bins and counts out of step", MODEL,
                        List.of(set("/spec/referenceProfile/features/0/binCounts", "[1, 2, 3]")),
                        "spec.referenceProfile.features[0].binCounts", "one entry fewer than binEdges"),
                create("no artifact", MODEL, List.of(remove("/spec/artifact")),
                        "spec.artifact", "Required value"),
                update("artifact swapped after registration", MODEL,
                        List.of(set("/spec/artifact/uri", "s3://mlcycle/models/iris/other/model.json")),
                        "spec.artifact", "artifact is immutable once set: register a new ModelVersion"),
                update("version relabelled after registration", MODEL, List.of(set("/spec/version", "\"2\"")),
                        "spec.version", "version is immutable"),
                // InferenceService
                create("model with both version and track", SERVING, List.of(set("/spec/model/version", "\"1\"")),
                        "spec.model", "set exactly one of model.version (pin one ModelVersion) or model.track"),
                create("model with neither version nor track", SERVING, List.of(remove("/spec/model/track")),
                        "spec.model", "set exactly one of model.version"),
                create("canary weights going down", SERVING, List.of(set("/spec/rollout/steps", "[{weight: 50}, {weight: 10}]")),
                        "spec.rollout.steps", "weights must be strictly increasing"),
                create("canary weights repeated", SERVING,
                        List.of(set("/spec/rollout/steps", "[{weight: 10}, {weight: 10}, {weight: 100}]")),
                        "spec.rollout.steps", "weights must be strictly increasing"),
                create("canary weight above 100", SERVING, List.of(set("/spec/rollout/steps/2/weight", "150")),
                        "spec.rollout.steps[2].weight", "should be less than or equal to 100"),
                create("error rate as a percentage", SERVING, List.of(set("/spec/rollout/analysis/maxErrorRate", "5")),
                        "spec.rollout.analysis.maxErrorRate", "should be less than or equal to 1"),
                create("interval in words", SERVING, List.of(set("/spec/rollout/analysis/interval", "30 seconds")),
                        "spec.rollout.analysis.interval", "must be a duration such as 500ms, 30s, 5m or 1h"),
                create("max replicas below min", SERVING, List.of(set("/spec/replicas", "{min: 3, max: 2}")),
                        "spec.replicas.max", "replicas.max must be at least replicas.min"),
                create("answer agreement without a mirror", SERVING, List.of(remove("/spec/rollout/mirror")),
                        "spec.rollout.analysis.minAgreement", "needs rollout.mirror"),
                create("answer agreement through a Gateway", SERVING, List.of(set("/spec/traffic",
                                "{provider: gatewayApi, gateway: {name: mlcycle, namespace: traefik-system}}")),
                        "spec.rollout.analysis.minAgreement", "needs traffic.provider router"),
                create("gatewayApi without a gateway", SERVING, List.of(set("/spec/traffic/provider", "gatewayApi"),
                                remove("/spec/rollout/analysis/minAgreement")),
                        "spec.traffic.gateway", "required with provider gatewayApi"),
                create("protocol listed twice", SERVING, List.of(set("/spec/runtime/protocols", "[rest, rest]")),
                        "spec.runtime.protocols", "must not repeat"),
                create("engine the runtime does not have", SERVING, List.of(set("/spec/runtime/engine", "tensorrt")),
                        "spec.runtime.engine", "supported values: \"auto\", \"onnxruntime\", \"pytorch\", \"xgboost\""),
                create("batch size zero", SERVING, List.of(set("/spec/runtime/batching/maxBatchSize", "0")),
                        "spec.runtime.batching.maxBatchSize", "should be greater than or equal to 1"),
                // DriftMonitor
                create("ks threshold that is not a p-value", DRIFT,
                        List.of(set("/spec/tests/numeric", "{method: ks, threshold: 5}")),
                        "spec.tests.numeric.threshold", "the ks threshold is a p-value: it must be below 1"),
                create("drift share above 1", DRIFT, List.of(set("/spec/trigger/driftShare", "1.5")),
                        "spec.trigger.driftShare", "should be less than or equal to 1"),
                create("feature both included and excluded", DRIFT,
                        List.of(set("/spec/features", "{include: [petal_length], exclude: [petal_length]}")),
                        "spec.features", "must not name the same feature"),
                create("numeric test Evidently does not have", DRIFT, List.of(set("/spec/tests/numeric/method", "kl")),
                        "spec.tests.numeric.method", "supported values: \"auto\", \"jensenShannon\", \"ks\", \"psi\", \"wasserstein\""),
                create("retrain template with two trainers", DRIFT,
                        List.of(set("/spec/action/retrain/template/spec/trainer/image", "ghcr.io/me/train:1")),
                        "spec.action.retrain.template.spec.trainer", "set exactly one of trainer.builtin"),
                create("no inference service", DRIFT, List.of(remove("/spec/inferenceService")),
                        "spec.inferenceService", "Required value"));
    }

    @Test
    void theTableHoldsAtLeast25Mistakes() {
        assertThat(mistakes()).hasSizeGreaterThanOrEqualTo(25);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void theApiServerRefusesTheMistakeNamingTheFieldAndWhatIsAllowed(Mistake mistake) {
        ObjectNode valid = Mistake.read(cluster.repository().example(mistake.example()));
        String name = "m-" + UUID.randomUUID().toString().substring(0, 8);
        valid.with("metadata").put("name", name);
        if (mistake.onUpdate()) {
            cluster.client().resource(toResource(valid)).inNamespace(namespace).create();
        }
        GenericKubernetesResource invalid = toResource(mistake.apply(valid));

        KubernetesClientException refusal = catchThrowableOfType(KubernetesClientException.class,
                () -> send(invalid, mistake.onUpdate()));

        assertThat(refusal).as("the API server accepted: %s", mistake).isNotNull();
        assertThat(refusal.getCode()).as(refusal.getMessage()).isEqualTo(422);
        // The API server adds a field-less note when an OpenAPI error kept it from running the CEL rules.
        List<StatusCause> causes = refusal.getStatus().getDetails().getCauses().stream()
                .filter(cause -> !cause.getMessage().contains("some validation rules were not checked"))
                .toList();
        assertThat(causes).as(refusal.getMessage()).isNotEmpty()
                .allSatisfy(cause -> assertThat(cause.getField()).as(refusal.getMessage()).isEqualTo(mistake.field()));
        assertThat(causes).as(refusal.getMessage())
                .anySatisfy(cause -> assertThat(cause.getMessage()).contains(mistake.allowed()));
        if (!mistake.onUpdate()) {
            assertThat(cluster.client().resource(invalid).inNamespace(namespace).get()).as("nothing stored").isNull();
        }
    }

    @Test
    void kubectlRefusesAMisspelledFieldInsteadOfDroppingIt(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path manifest = dir.resolve("typo.yaml");
        Files.writeString(manifest, Files.readString(cluster.repository().example(SERVING))
                .replace("name: iris\nspec:", "name: typo\nspec:").replace("  rollout:", "  rolout:"));

        ProgramRun.Result result = cluster.kubectl().run("apply", "-n", namespace, "-f", manifest.toString());

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("unknown field \"spec.rolout\"");
    }

    private void send(GenericKubernetesResource resource, boolean update) {
        if (update) {
            // The operator writes a new object too (a ModelVersion's label, its status): an update that raced it (409,
            // the resourceVersion it read is gone) is sent again on the newest one.
            for (int attempt = 1; ; attempt++) {
                try {
                    cluster.client().resource(resource).inNamespace(namespace).update();
                    return;
                } catch (KubernetesClientException e) {
                    if (e.getCode() != 409 || attempt == 5) {
                        throw e;
                    }
                }
            }
        } else {
            cluster.client().resource(resource).inNamespace(namespace).create();
        }
    }

    private static GenericKubernetesResource toResource(ObjectNode manifest) {
        return Mistake.YAML.convertValue(manifest, GenericKubernetesResource.class);
    }

    private static Mistake create(String description, String example, List<Consumer<ObjectNode>> edits, String field,
                                  String allowed) {
        return new Mistake(description, example, edits, false, field, allowed);
    }

    private static Mistake update(String description, String example, List<Consumer<ObjectNode>> edits, String field,
                                  String allowed) {
        return new Mistake(description, example, edits, true, field, allowed);
    }
}
