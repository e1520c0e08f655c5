package io.mlcycle.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlcycle.runtime.artifact.Sha256;
import io.mlcycle.runtime.engine.GoldenExamples;
import io.mlcycle.runtime.engine.LoadedModel;
import io.mlcycle.runtime.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole trainer in process with XGBoost on generated datasets and file:// URIs: it learns what the data holds,
 * writes the four files, prints progress and the result, and the artifact is served by the runtime's own loader
 * answering its golden examples as the trainer did.
 */
class TrainerMainXgboostTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Map<String, String> env(Path dataset, String outputName, String algorithm, String task, String target,
            String hyperparameters) {
        return Map.of(
                "MLCYCLE_TRAINING_JOB", "churn-train",
                "MLCYCLE_MODEL_NAME", "churn",
                "MLCYCLE_DATASET_URI", dataset.toUri().toString(),
                "MLCYCLE_OUTPUT_URI", dir.resolve(outputName).toUri().toString(),
                "MLCYCLE_ALGORITHM", algorithm,
                "MLCYCLE_TASK", task,
                "MLCYCLE_TARGET", target,
                "MLCYCLE_HYPERPARAMETERS", hyperparameters);
    }

    @Test
    void aBinaryClassifierLearnsTheDataAndIsServedWithItsOwnAnswers() throws Exception {
        Path dataset = SyntheticDatasets.binary(dir.resolve("data/churn.csv"), 1000, 7);

        TrainerRun run = TrainerRun.of(env(dataset, "out", "xgboost", "classification", "churned",
                "{\"rounds\": \"40\", \"max_depth\": \"4\"}"), dir);

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode result = run.result();
        assertThat(result.path("format").asText()).isEqualTo("xgboost");
        assertThat(result.path("headlineMetric").asText()).isEqualTo("auc");
        assertThat(result.path("metrics").path("auc").asDouble()).isGreaterThan(0.9);
        assertThat(result.path("metrics").path("accuracy").asDouble()).isGreaterThan(0.8);
        assertThat(result.path("metrics").has("f1")).isTrue();
        assertThat(result.path("metrics").has("logloss")).isTrue();
        assertThat(result.path("signature").toString()).isEqualTo("{\"inputs\":[{\"name\":\"input\",\"datatype\":"
                + "\"FP32\",\"shape\":[-1,3]}],\"outputs\":[{\"name\":\"output\",\"datatype\":\"FP32\",\"shape\":[-1]}]}");
        assertThat(result.path("features").toString()).isEqualTo("[{\"name\":\"tenure\",\"type\":\"numeric\"},"
                + "{\"name\":\"usage\",\"type\":\"numeric\"},{\"name\":\"plan\",\"type\":\"categorical\"}]");
        assertThat(result.path("dataset").path("sha256").asText()).isEqualTo(Sha256.of(dataset));
        assertThat(result.path("dataset").path("uri").asText()).isEqualTo(dataset.toUri().toString());
        assertThat(result.path("referenceProfile").path("samples").asInt()).isEqualTo(800);
        assertThat(result.path("referenceProfile").path("uri").asText())
                .isEqualTo(dir.resolve("out").toUri() + "reference-profile.json");

        Path out = dir.resolve("out");
        Path artifact = out.resolve("model.tar.gz");
        assertThat(result.path("artifact").path("uri").asText()).isEqualTo(artifact.toUri().toString());
        assertThat(result.path("artifact").path("sha256").asText()).isEqualTo(Sha256.of(artifact));
        assertThat(result.path("artifact").path("size").asLong()).isEqualTo(Files.size(artifact));
        assertThat(JSON.readTree(out.resolve("mlcycle-result.json").toFile())).isEqualTo(result);
        assertThat(JSON.readTree(out.resolve("metrics.json").toFile())).isEqualTo(result.path("metrics"));
        JsonNode profile = JSON.readTree(out.resolve("reference-profile.json").toFile());
        assertThat(profile.path("samples")).isEqualTo(result.path("referenceProfile").path("samples"));
        // The file has every numeric feature's quantiles too; the summary (ModelVersion's inline copy) leaves them out.
        JsonNode withoutQuantiles = profile.path("features").deepCopy();
        withoutQuantiles.forEach(f -> ((ObjectNode) f).remove("quantiles"));
        assertThat(withoutQuantiles).isEqualTo(result.path("referenceProfile").path("features"));
        long counted = 0;
        for (JsonNode count : profile.path("features").get(0).path("binCounts")) {
            counted += count.asLong();
        }
        assertThat(profile.path("features").get(0).path("quantiles")).as("every training value of tenure")
                .hasSize((int) counted);
        assertThat(JSON.readTree(run.terminationMessage())).isEqualTo(result);

        List<String> progress = run.stdoutLines().stream().filter(l -> l.startsWith("mlcycle-progress ")).toList();
        assertThat(progress).hasSize(20);
        assertThat(progress.get(progress.size() - 1)).matches("mlcycle-progress \\{\"step\":40,\"steps\":40,"
                + "\"unit\":\"round\",\"loss\":[0-9.eE-]+,\"metric\":\"logloss\",\"value\":[0-9.eE-]+}");

        try (LoadedModel model = ServedArtifact.load(artifact.toUri().toString(), Sha256.of(artifact),
                dir.resolve("cache"))) {
            GoldenExamples.Outcome outcome = ServedArtifact.checkGoldenExamples(model);
            assertThat(outcome.agrees()).as(outcome.describe()).isTrue();
            assertThat(outcome.valuesCompared()).isEqualTo(8);
            assertThat(model.manifest().features()).extracting(f -> f.name() + ":" + f.type())
                    .containsExactly("tenure:numeric", "usage:numeric", "plan:categorical");
            assertThat(model.manifest().referenceProfile()).isPresent();
            // A row the trainer never saw: tenure missing (NaN), plan "pro" (code 2).
            List<Tensor> answer = model.predict(List.of(Tensor.of("input", new long[] {1, 3}, Float.NaN, -1f, 2f)));
            assertThat(answer.get(0).doubleAt(0)).isBetween(0.0, 1.0);
        }
    }

    @Test
    void theManifestRecordsCategoriesInCodeOrderAndGoldenExamplesAsTheReadmeLaysThemOut() throws Exception {
        Path dataset = SyntheticDatasets.binary(dir.resolve("data/churn.csv"), 400, 3);

        TrainerRun run = TrainerRun.of(env(dataset, "out", "xgboost", "classification", "churned",
                "{\"rounds\": \"10\"}"), dir);

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode manifest = JSON.readTree(TarEntries.read(dir.resolve("out/model.tar.gz")).get("mlcycle-model.json"));
        assertThat(manifest.path("format").asText()).isEqualTo("xgboost");
        assertThat(manifest.path("file").asText()).isEqualTo("model.json");
        assertThat(manifest.path("features").get(2).toString())
                .isEqualTo("{\"name\":\"plan\",\"type\":\"categorical\",\"categories\":[\"basic\",\"plus\",\"pro\"]}");
        JsonNode examples = manifest.path("examples");
        assertThat(examples.path("tolerance").toString()).isEqualTo("{\"absolute\":1.0E-6,\"relative\":1.0E-5}");
        assertThat(examples.path("inputs").get(0).path("name").asText()).isEqualTo("input");
        assertThat(examples.path("inputs").get(0).path("datatype").asText()).isEqualTo("FP32");
        assertThat(examples.path("inputs").get(0).path("shape").toString()).isEqualTo("[8,3]");
        assertThat(examples.path("inputs").get(0).path("data")).hasSize(24);
        assertThat(examples.path("outputs").get(0).path("shape").toString()).isEqualTo("[8]");
        assertThat(manifest.path("referenceProfile")).isEqualTo(JSON.readTree(
                dir.resolve("out/reference-profile.json").toFile()));
        assertThat(TarEntries.read(dir.resolve("out/model.tar.gz")).keySet())
                .containsExactly("mlcycle-model.json", "model.json");
    }

    @Test
    void aMulticlassModelAnswersOneProbabilityPerClass() throws Exception {
        Path dataset = SyntheticDatasets.multiclass(dir.resolve("data/segments.csv"), 900, 5);

        TrainerRun run = TrainerRun.of(env(dataset, "out", "xgboost", "classification", "segment",
                "{\"rounds\": \"30\", \"max_depth\": \"4\"}"), dir);

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode result = run.result();
        assertThat(result.path("signature").path("outputs").get(0).path("shape").toString()).isEqualTo("[-1,3]");
        assertThat(result.path("metrics").path("auc").asDouble()).isGreaterThan(0.9);
        assertThat(result.path("metrics").path("accuracy").asDouble()).isGreaterThan(0.7);
        assertThat(run.stdout()).contains("3 classes of 'segment', in code order: [blue, green, red]")
                .contains("\"metric\":\"mlogloss\"");
        Path artifact = dir.resolve("out/model.tar.gz");
        try (LoadedModel model = ServedArtifact.load(artifact.toUri().toString(), Sha256.of(artifact),
                dir.resolve("cache"))) {
            GoldenExamples.Outcome outcome = ServedArtifact.checkGoldenExamples(model);
            assertThat(outcome.agrees()).as(outcome.describe()).isTrue();
            assertThat(outcome.valuesCompared()).isEqualTo(24);
        }
    }

    @Test
    void aRegressionModelExplainsTheTarget() throws Exception {
        Path dataset = SyntheticDatasets.regression(dir.resolve("data/spend.csv"), 1000, 11);

        TrainerRun run = TrainerRun.of(env(dataset, "out", "xgboost", "regression", "spend",
                "{\"rounds\": \"50\", \"max_depth\": \"4\", \"eta\": \"0.2\"}"), dir);

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode result = run.result();
        assertThat(result.path("headlineMetric").asText()).isEqualTo("rmse");
        assertThat(result.path("metrics").path("r2").asDouble()).isGreaterThan(0.8);
        assertThat(result.path("metrics").has("rmse")).isTrue();
        assertThat(result.path("metrics").has("mae")).isTrue();
        Path artifact = dir.resolve("out/model.tar.gz");
        try (LoadedModel model = ServedArtifact.load(artifact.toUri().toString(), Sha256.of(artifact),
                dir.resolve("cache"))) {
            GoldenExamples.Outcome outcome = ServedArtifact.checkGoldenExamples(model);
            assertThat(outcome.agrees()).as(outcome.describe()).isTrue();
        }
    }

    @Test
    void theSameInputsGiveByteIdenticalOutputs() throws Exception {
        Path dataset = SyntheticDatasets.binary(dir.resolve("data/churn.csv"), 600, 21);
        String hyperparameters = "{\"rounds\": \"20\", \"seed\": \"5\", \"subsample\": \"0.8\"}";

        TrainerRun first = TrainerRun.of(env(dataset, "first", "xgboost", "classification", "churned",
                hyperparameters), dir);
        TrainerRun second = TrainerRun.of(env(dataset, "second", "xgboost", "classification", "churned",
                hyperparameters), dir);
        TrainerRun otherSeed = TrainerRun.of(env(dataset, "other", "xgboost", "classification", "churned",
                hyperparameters.replace("\"5\"", "\"6\"")), dir);

        assertThat(first.exitCode()).isZero();
        assertThat(second.exitCode()).isZero();
        String digest = first.result().path("artifact").path("sha256").asText();
        assertThat(second.result().path("artifact").path("sha256").asText()).isEqualTo(digest);
        assertThat(Files.readAllBytes(dir.resolve("second/model.tar.gz")))
                .isEqualTo(Files.readAllBytes(dir.resolve("first/model.tar.gz")));
        for (String file : List.of("reference-profile.json", "metrics.json")) {
            assertThat(Files.readAllBytes(dir.resolve("second").resolve(file)))
                    .isEqualTo(Files.readAllBytes(dir.resolve("first").resolve(file)));
        }
        assertThat(otherSeed.result().path("artifact").path("sha256").asText()).isNotEqualTo(digest);
    }
}
