package io.mlcycle.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcycle.runtime.artifact.Sha256;
import io.mlcycle.runtime.engine.GoldenExamples;
import io.mlcycle.runtime.engine.LoadedModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole trainer in process with the DJL networks (the MLP and the one-layer linear model) on generated datasets:
 * they learn, and the artifact is served by the runtime's PyTorch engine answering its golden examples as the trainer
 * did. PyTorch loads once per JVM; this module has no Quarkus tests, so every test shares one class loader.
 */
class TrainerMainMlpTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Map<String, String> env(Path dataset, String outputName, String algorithm, String task, String target,
            String hyperparameters) {
        return Map.of(
                "MLCYCLE_DATASET_URI", dataset.toUri().toString(),
                "MLCYCLE_OUTPUT_URI", dir.resolve(outputName).toUri().toString(),
                "MLCYCLE_ALGORITHM", algorithm,
                "MLCYCLE_TASK", task,
                "MLCYCLE_TARGET", target,
                "MLCYCLE_HYPERPARAMETERS", hyperparameters);
    }

    private GoldenExamples.Outcome served(String outputName) throws Exception {
        Path artifact = dir.resolve(outputName).resolve("model.tar.gz");
        try (LoadedModel model = ServedArtifact.load(artifact.toUri().toString(), Sha256.of(artifact),
                dir.resolve("cache"))) {
            return ServedArtifact.checkGoldenExamples(model);
        }
    }

    @Test
    void anMlpClassifierLearnsAndIsServedWithItsOwnAnswers() throws Exception {
        Path dataset = SyntheticDatasets.binary(dir.resolve("data/churn.csv"), 1000, 7);

        TrainerRun run = TrainerRun.of(env(dataset, "out", "mlp", "classification", "churned",
                "{\"epochs\": \"8\", \"hidden\": \"16,8\", \"learning_rate\": \"0.01\", \"batch_size\": \"32\"}"), dir);

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode result = run.result();
        assertThat(result.path("format").asText()).isEqualTo("pytorch");
        assertThat(result.path("metrics").path("accuracy").asDouble()).isGreaterThan(0.8);
        assertThat(result.path("metrics").path("auc").asDouble()).isGreaterThan(0.9);
        assertThat(result.path("signature").path("outputs").get(0).path("shape").toString()).isEqualTo("[-1,2]");
        List<String> progress = run.stdoutLines().stream().filter(l -> l.startsWith("mlcycle-progress ")).toList();
        assertThat(progress).hasSize(8);
        assertThat(progress.get(7)).matches("mlcycle-progress \\{\"step\":8,\"steps\":8,\"unit\":\"epoch\","
                + "\"loss\":[0-9.eE-]+,\"metric\":\"logloss\",\"value\":[0-9.eE-]+}");

        JsonNode manifest = JSON.readTree(TarEntries.read(dir.resolve("out/model.tar.gz")).get("mlcycle-model.json"));
        assertThat(manifest.path("file").asText()).isEqualTo("mlp-0000.params");
        assertThat(manifest.path("architecture").toString()).isEqualTo("{\"type\":\"mlp\",\"inputs\":3,"
                + "\"hidden\":[16,8],\"outputs\":2,\"activation\":\"relu\"}");
        assertThat(manifest.path("examples").path("outputs").get(0).path("shape").toString()).isEqualTo("[8,2]");
        // Missing tenure cells are fed as 0, and the golden examples show the inputs as the network took them.
        assertThat(manifest.path("examples").path("inputs").get(0).path("data").toString()).doesNotContain("null");

        GoldenExamples.Outcome outcome = served("out");
        assertThat(outcome.agrees()).as(outcome.describe()).isTrue();
        assertThat(outcome.valuesCompared()).isEqualTo(16);
    }

    @Test
    void anMlpRegressionLearnsATargetFarFromZeroBecauseItTrainsStandardised() throws Exception {
        // Spend is around 50: on raw numbers a few epochs would not even reach the mean.
        Path dataset = SyntheticDatasets.regression(dir.resolve("data/spend.csv"), 800, 11);

        TrainerRun run = TrainerRun.of(env(dataset, "out", "mlp", "regression", "spend",
                "{\"epochs\": \"15\", \"hidden\": \"16\", \"learning_rate\": \"0.01\"}"), dir);

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode result = run.result();
        assertThat(result.path("metrics").path("r2").asDouble()).isGreaterThan(0.8);
        assertThat(result.path("signature").path("outputs").get(0).path("shape").toString()).isEqualTo("[-1,1]");
        GoldenExamples.Outcome outcome = served("out");
        assertThat(outcome.agrees()).as(outcome.describe()).isTrue();
    }

    @Test
    void theLinearAlgorithmIsOneLinearLayerServedAsTheBuiltinMlp() throws Exception {
        Path dataset = SyntheticDatasets.regression(dir.resolve("data/spend.csv"), 600, 13);

        TrainerRun run = TrainerRun.of(env(dataset, "out", "linear", "regression", "spend",
                "{\"epochs\": \"15\", \"learning_rate\": \"0.05\"}"), dir);

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.result().path("metrics").path("r2").asDouble()).isGreaterThan(0.9);
        JsonNode manifest = JSON.readTree(TarEntries.read(dir.resolve("out/model.tar.gz")).get("mlcycle-model.json"));
        assertThat(manifest.path("architecture").path("hidden").toString()).isEqualTo("[]");
        GoldenExamples.Outcome outcome = served("out");
        assertThat(outcome.agrees()).as(outcome.describe()).isTrue();
    }

    @Test
    void aLinearClassifierIsLogisticRegression() throws Exception {
        Path dataset = SyntheticDatasets.binary(dir.resolve("data/churn.csv"), 800, 17);

        TrainerRun run = TrainerRun.of(env(dataset, "out", "linear", "classification", "churned",
                "{\"epochs\": \"10\", \"learning_rate\": \"0.05\"}"), dir);

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.result().path("metrics").path("auc").asDouble()).isGreaterThan(0.9);
        GoldenExamples.Outcome outcome = served("out");
        assertThat(outcome.agrees()).as(outcome.describe()).isTrue();
    }

    @Test
    void theSameSeedTrainsTheSameNetworkOnOneCpuThread() throws Exception {
        Path dataset = SyntheticDatasets.binary(dir.resolve("data/churn.csv"), 500, 23);
        String hyperparameters = "{\"epochs\": \"3\", \"seed\": \"9\"}";

        TrainerRun first = TrainerRun.of(env(dataset, "first", "mlp", "classification", "churned", hyperparameters),
                dir);
        TrainerRun second = TrainerRun.of(env(dataset, "second", "mlp", "classification", "churned",
                hyperparameters), dir);

        assertThat(first.exitCode()).as(first.stderr()).isZero();
        assertThat(second.result().path("artifact").path("sha256"))
                .isEqualTo(first.result().path("artifact").path("sha256"));
    }
}
