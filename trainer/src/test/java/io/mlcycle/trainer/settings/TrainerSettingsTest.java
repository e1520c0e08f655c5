package io.mlcycle.trainer.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlcycle.trainer.ExitCode;
import io.mlcycle.trainer.TrainerFailure;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The environment contract, read and checked. */
class TrainerSettingsTest {

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of(
                "MLCYCLE_DATASET_URI", "s3://data/churn.csv",
                "MLCYCLE_OUTPUT_URI", "s3://models/churn/job-1",
                "MLCYCLE_ALGORITHM", "xgboost",
                "MLCYCLE_TARGET", "churned"));
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    private static void assertInvalid(Map<String, String> env, String message) {
        assertThatThrownBy(() -> TrainerSettings.from(env)).isInstanceOf(TrainerFailure.class)
                .hasMessageContaining(message)
                .extracting(e -> ((TrainerFailure) e).exitCode()).isEqualTo(ExitCode.INVALID_SETTINGS);
    }

    @Test
    void defaults() {
        TrainerSettings settings = TrainerSettings.from(env());

        assertThat(settings.task()).isEqualTo(Task.CLASSIFICATION);
        assertThat(settings.algorithm()).isEqualTo(Algorithm.XGBOOST);
        assertThat(settings.features()).isEmpty();
        assertThat(settings.datasetSha256()).isEmpty();
        assertThat(settings.hyperparameters().asMap()).isEmpty();
        assertThat(settings.trainingJob()).isEmpty();
    }

    @Test
    void everythingGiven() {
        TrainerSettings settings = TrainerSettings.from(env("MLCYCLE_TRAINING_JOB", "churn-7",
                "MLCYCLE_MODEL_NAME", "churn", "MLCYCLE_TASK", "Regression", "MLCYCLE_ALGORITHM", "MLP",
                "MLCYCLE_FEATURES", " tenure, plan ,,usage", "MLCYCLE_DATASET_SHA256", "sha256:" + "AB".repeat(32),
                "MLCYCLE_DATASET_FORMAT", "CSV", "MLCYCLE_HYPERPARAMETERS", "{\"epochs\": \"3\"}"));

        assertThat(settings.trainingJob()).isEqualTo("churn-7");
        assertThat(settings.modelName()).isEqualTo("churn");
        assertThat(settings.task()).isEqualTo(Task.REGRESSION);
        assertThat(settings.algorithm()).isEqualTo(Algorithm.MLP);
        assertThat(settings.features()).containsExactly("tenure", "plan", "usage");
        assertThat(settings.datasetSha256()).isEqualTo(Optional.of("ab".repeat(32)));
        assertThat(settings.hyperparameters().asMap()).containsEntry("epochs", "3");
    }

    @Test
    void missingVariablesAreNamedTogether() {
        assertInvalid(Map.of("MLCYCLE_ALGORITHM", "mlp"),
                "missing MLCYCLE_DATASET_URI, MLCYCLE_OUTPUT_URI, MLCYCLE_TARGET");
    }

    @Test
    void parquetIsNotSupportedYet() {
        assertInvalid(env("MLCYCLE_DATASET_FORMAT", "parquet"),
                "MLCYCLE_DATASET_FORMAT=parquet is not supported by the builtin trainer yet");
        assertInvalid(env("MLCYCLE_DATASET_FORMAT", "json"), "is not a dataset format");
    }

    @Test
    void namesAndUrisAreChecked() {
        assertInvalid(env("MLCYCLE_ALGORITHM", "forest"), "MLCYCLE_ALGORITHM 'forest' is not one of");
        assertInvalid(env("MLCYCLE_TASK", "ranking"), "MLCYCLE_TASK 'ranking' is not one of");
        assertInvalid(env("MLCYCLE_DATASET_URI", "ftp://x/y.csv"), "MLCYCLE_DATASET_URI 'ftp://x/y.csv' must start "
                + "with one of [file://, http://, https://, s3://]");
        assertInvalid(env("MLCYCLE_OUTPUT_URI", "https://x/out"), "must start with one of [file://, s3://]");
        assertInvalid(env("MLCYCLE_DATASET_SHA256", "abc"), "MLCYCLE_DATASET_SHA256: sha256 'abc' is not 64");
    }

    @Test
    void featuresMustBeDistinctAndNotTheTarget() {
        assertInvalid(env("MLCYCLE_FEATURES", "a,b,a"), "names column 'a' twice");
        assertInvalid(env("MLCYCLE_FEATURES", "a,churned"), "contains the target column 'churned'");
    }
}
