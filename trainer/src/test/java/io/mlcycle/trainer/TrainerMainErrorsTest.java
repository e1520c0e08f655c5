package io.mlcycle.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlcycle.runtime.artifact.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a run fails: one line on stderr starting with what kind of failure it is, the same line as the termination
 * message, the exit code of the README's table, and nothing written.
 */
class TrainerMainErrorsTest {

    @TempDir
    Path dir;

    private Path dataset;

    @BeforeEach
    void setUp() throws Exception {
        dataset = SyntheticDatasets.binary(dir.resolve("data/churn.csv"), 200, 1);
    }

    private Map<String, String> env(String... overrides) {
        Map<String, String> env = new HashMap<>(Map.of(
                "MLCYCLE_DATASET_URI", dataset.toUri().toString(),
                "MLCYCLE_OUTPUT_URI", dir.resolve("out").toUri().toString(),
                "MLCYCLE_ALGORITHM", "xgboost",
                "MLCYCLE_TARGET", "churned",
                "MLCYCLE_HYPERPARAMETERS", "{\"rounds\": \"5\"}"));
        for (int i = 0; i < overrides.length; i += 2) {
            if (overrides[i + 1] == null) {
                env.remove(overrides[i]);
            } else {
                env.put(overrides[i], overrides[i + 1]);
            }
        }
        return env;
    }

    private TrainerRun failed(int exitCode, Map<String, String> env) throws Exception {
        TrainerRun run = TrainerRun.of(env, dir);
        assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isEqualTo(exitCode);
        assertThat(run.stderr().lines()).hasSize(1);
        assertThat(run.terminationMessage()).isEqualTo(run.stderr().strip());
        assertThat(run.stdout()).doesNotContain("mlcycle-result");
        return run;
    }

    @Test
    void missingSettingsAreNamed() throws Exception {
        TrainerRun run = failed(2, env("MLCYCLE_TARGET", null, "MLCYCLE_OUTPUT_URI", null));

        assertThat(run.stderr()).startsWith("invalid settings: missing MLCYCLE_OUTPUT_URI, MLCYCLE_TARGET");
    }

    @Test
    void aTargetMissingFromTheHeaderIsNamedWithTheHeader() throws Exception {
        TrainerRun run = failed(2, env("MLCYCLE_TARGET", "churn"));

        assertThat(run.stderr().strip()).isEqualTo("invalid settings: target column 'churn' (MLCYCLE_TARGET) is not in "
                + "the dataset; its header is [tenure, usage, plan, churned]");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void anUnknownFeatureColumnIsNamed() throws Exception {
        TrainerRun run = failed(2, env("MLCYCLE_FEATURES", "tenure, spend"));

        assertThat(run.stderr()).contains("MLCYCLE_FEATURES names column 'spend' not in the dataset");
    }

    @Test
    void anUnknownAlgorithmAndParquetAreInvalidSettings() throws Exception {
        assertThat(failed(2, env("MLCYCLE_ALGORITHM", "forest")).stderr())
                .contains("MLCYCLE_ALGORITHM 'forest' is not one of xgboost, mlp, linear");
        assertThat(failed(2, env("MLCYCLE_DATASET_FORMAT", "parquet")).stderr())
                .contains("not supported by the builtin trainer yet");
    }

    @Test
    void aDatasetWithAnotherDigestIsRefusedNamingBoth() throws Exception {
        String declared = "ab".repeat(32);

        TrainerRun run = failed(4, env("MLCYCLE_DATASET_SHA256", declared));

        assertThat(run.stderr()).startsWith("dataset digest mismatch: ").contains(Sha256.of(dataset))
                .contains(declared);
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void theDeclaredDigestLetsTheRightDataThrough() throws Exception {
        TrainerRun run = TrainerRun.of(env("MLCYCLE_DATASET_SHA256", "sha256:" + Sha256.of(dataset).toUpperCase()),
                dir);

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).contains("(as declared)");
    }

    @Test
    void aMissingDatasetIsUnreadable() throws Exception {
        TrainerRun run = failed(3, env("MLCYCLE_DATASET_URI", dir.resolve("nowhere.csv").toUri().toString()));

        assertThat(run.stderr()).startsWith("dataset unreadable: cannot read the dataset ").contains("nowhere.csv")
                .contains("does not exist");
    }

    @Test
    void aTextTargetCannotBeRegressed() throws Exception {
        TrainerRun run = failed(5, env("MLCYCLE_TASK", "regression"));

        assertThat(run.stderr()).startsWith("invalid dataset: target column 'churned' is not numeric");
    }

    @Test
    void oneClassIsNotAClassification() throws Exception {
        Path oneClass = Files.writeString(dir.resolve("data/one.csv"), "x,y\n1,a\n2,a\n3,a\n");

        TrainerRun run = failed(5, env("MLCYCLE_DATASET_URI", oneClass.toUri().toString(), "MLCYCLE_TARGET", "y"));

        assertThat(run.stderr()).contains("target column 'y' has only one class ('a')");
    }

    @Test
    void aHeaderWithoutRowsIsAnInvalidDataset() throws Exception {
        Path empty = Files.writeString(dir.resolve("data/empty.csv"), "tenure,churned\n");

        assertThat(failed(5, env("MLCYCLE_DATASET_URI", empty.toUri().toString())).stderr())
                .contains("the dataset has a header but no rows");
    }

    @Test
    void anOutputThatCannotBeWrittenFailsWithSeven() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("file"), "in the way");

        TrainerRun run = failed(7, env("MLCYCLE_OUTPUT_URI", notAFolder.toUri().toString()));

        assertThat(run.stderr()).startsWith("output failed: cannot write " + notAFolder.toUri() + "/model.tar.gz");
    }

    @Test
    void aParameterXgboostRejectsFailsTheTraining() throws Exception {
        TrainerRun run = failed(6, env("MLCYCLE_HYPERPARAMETERS", "{\"tree_method\": \"sideways\"}"));

        assertThat(run.stderr()).startsWith("training failed: XGBoost failed (").contains("tree_method=sideways");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void reservedXgboostParametersAndUnknownMlpKeysAreRefused() throws Exception {
        assertThat(failed(2, env("MLCYCLE_HYPERPARAMETERS", "{\"objective\": \"multi:softmax\"}")).stderr())
                .contains("[objective] are set by the trainer");
        assertThat(failed(2, env("MLCYCLE_ALGORITHM", "mlp", "MLCYCLE_HYPERPARAMETERS", "{\"epoch\": \"3\"}"))
                .stderr()).contains("hyperparameters [epoch] mean nothing to the mlp algorithm");
    }
}
