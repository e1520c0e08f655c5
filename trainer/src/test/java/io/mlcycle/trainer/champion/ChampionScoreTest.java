package io.mlcycle.trainer.champion;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlcycle.trainer.SyntheticDatasets;
import io.mlcycle.trainer.TrainerRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The champion scored by a retrain, through the whole trainer in process: a model trained on one dataset is scored on
 * the next one's validation rows beside the new model, and one whose features differ is not scored and fails nothing.
 */
class ChampionScoreTest {

    @TempDir
    Path dir;

    private Map<String, String> env(Path dataset, String outputName, String target, String rounds) {
        Map<String, String> env = new HashMap<>();
        env.put("MLCYCLE_DATASET_URI", dataset.toUri().toString());
        env.put("MLCYCLE_OUTPUT_URI", dir.resolve(outputName).toUri().toString());
        env.put("MLCYCLE_ALGORITHM", "xgboost");
        env.put("MLCYCLE_TARGET", target);
        env.put("MLCYCLE_HYPERPARAMETERS", "{\"rounds\": \"" + rounds + "\", \"max_depth\": \"3\"}");
        return env;
    }

    @Test
    void theChampionIsScoredOnTheNewDataBesideTheChallenger() throws Exception {
        // A champion of 2 rounds on 200 rows against a challenger of 40 rounds on 1000: the challenger is better.
        TrainerRun first = TrainerRun.of(env(SyntheticDatasets.binary(dir.resolve("a.csv"), 200, 1), "v1",
                "churned", "2"), dir);
        assertThat(first.exitCode()).as(first.stderr()).isZero();
        JsonNode champion = first.result().path("artifact");

        Map<String, String> retrain = env(SyntheticDatasets.binary(dir.resolve("b.csv"), 1000, 2), "v2", "churned",
                "40");
        retrain.put(ChampionScore.URI, champion.path("uri").asText());
        retrain.put(ChampionScore.SHA256, champion.path("sha256").asText());
        TrainerRun second = TrainerRun.of(retrain, dir);

        assertThat(second.exitCode()).as(second.stderr()).isZero();
        JsonNode metrics = second.result().path("metrics");
        assertThat(metrics.has("champion_auc")).as(metrics.toString()).isTrue();
        assertThat(metrics.has("champion_accuracy")).isTrue();
        assertThat(metrics.path("champion_auc").asDouble()).isBetween(0.5, 1.0)
                .isLessThan(metrics.path("auc").asDouble());
        assertThat(second.result().path("headlineMetric").asText()).isEqualTo("auc");
        assertThat(second.stdoutLines()).anyMatch(l -> l.contains("champion " + champion.path("uri").asText()));
    }

    @Test
    void aChampionOfAnotherTaskOrOtherFeaturesIsNotScoredAndFailsNothing() throws Exception {
        Path binary = SyntheticDatasets.binary(dir.resolve("b.csv"), 300, 2);
        Map<String, String> regressionEnv = env(SyntheticDatasets.regression(dir.resolve("r.csv"), 200, 1), "r",
                "spend", "5");
        regressionEnv.put("MLCYCLE_TASK", "regression");
        TrainerRun regression = TrainerRun.of(regressionEnv, dir);
        StringBuilder other = new StringBuilder("a,b,churned\n");
        for (int i = 0; i < 100; i++) {
            other.append(i % 7).append(',').append(i % 3).append(',').append(i % 2 == 0 ? "yes" : "no").append('\n');
        }
        TrainerRun otherFeatures = TrainerRun.of(env(Files.writeString(dir.resolve("o.csv"), other), "o", "churned",
                "5"), dir);
        assertThat(regression.exitCode()).as(regression.stderr()).isZero();
        assertThat(otherFeatures.exitCode()).as(otherFeatures.stderr()).isZero();

        Map<String, String> retrain = env(binary, "v2", "churned", "5");
        retrain.put(ChampionScore.URI, regression.result().path("artifact").path("uri").asText());
        assertNotScored(TrainerRun.of(retrain, dir), "the champion is a reg:squarederror model");
        retrain.put(ChampionScore.URI, otherFeatures.result().path("artifact").path("uri").asText());
        assertNotScored(TrainerRun.of(retrain, dir), "are not this run's");
        retrain.put(ChampionScore.URI, dir.resolve("missing/model.tar.gz").toUri().toString());
        assertNotScored(TrainerRun.of(retrain, dir), "cannot fetch the champion");
    }

    private static void assertNotScored(TrainerRun run, String why) throws Exception {
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.result().path("metrics").fieldNames()).toIterable().noneMatch(n -> n.startsWith("champion_"));
        assertThat(run.stdoutLines()).anyMatch(l -> l.contains(why));
    }
}
