package io.mlcycle.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcycle.runtime.artifact.ArchiveExtractor;
import io.mlcycle.runtime.artifact.ArtifactStore;
import io.mlcycle.runtime.artifact.HostPolicy;
import io.mlcycle.runtime.artifact.S3Fetcher;
import io.mlcycle.runtime.artifact.S3Settings;
import io.mlcycle.runtime.artifact.SeaweedFsServer;
import io.mlcycle.runtime.artifact.Sha256;
import io.mlcycle.runtime.engine.GoldenExamples;
import io.mlcycle.runtime.engine.LoadedModel;
import io.mlcycle.runtime.engine.ModelLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer against a real S3 store (SeaweedFS on loopback, path style, endpoint override), configured by the same
 * AWS_* variables as the runtime: it reads the dataset from s3://, writes its outputs there, and the runtime's own
 * S3 fetcher brings the artifact back, digest-checked, to be served. Wrong keys fail the read with exit 3.
 */
class TrainerMainS3Test {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static SeaweedFsServer seaweed;
    private static Path dataset;

    @BeforeAll
    static void startSeaweedFsAndUpload() throws Exception {
        dataset = SyntheticDatasets.binary(dir.resolve("churn.csv"), 600, 31);
        seaweed = SeaweedFsServer.start(Files.createDirectories(dir.resolve("seaweedfs")));
        // One bucket: SeaweedFS gives each bucket volumes of its own, and this small server has room for one set.
        // upload creates it and retries until the store takes writes.
        seaweed.upload("mlcycle", "data/churn/2026-11.csv", dataset);
    }

    @AfterAll
    static void stopSeaweedFs() throws Exception {
        if (seaweed != null) {
            seaweed.close();
        }
    }

    private static Map<String, String> env(String secretKey) {
        Map<String, String> env = new HashMap<>();
        env.put("MLCYCLE_DATASET_URI", "s3://mlcycle/data/churn/2026-11.csv");
        env.put("MLCYCLE_DATASET_SHA256", "");
        env.put("MLCYCLE_OUTPUT_URI", "s3://mlcycle/models/churn/churn-train-1");
        env.put("MLCYCLE_ALGORITHM", "xgboost");
        env.put("MLCYCLE_TARGET", "churned");
        env.put("MLCYCLE_HYPERPARAMETERS", "{\"rounds\": \"20\"}");
        env.put("AWS_ENDPOINT_URL", seaweed.endpoint().toString());
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", SeaweedFsServer.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", secretKey);
        return env;
    }

    @Test
    void readsFromAndWritesToS3AndTheRuntimeServesWhatItWrote() throws Exception {
        Map<String, String> env = env(SeaweedFsServer.SECRET_KEY);
        env.put("MLCYCLE_DATASET_SHA256", Sha256.of(dataset));

        TrainerRun run = TrainerRun.of(env, dir.resolve("run"));

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode result = run.result();
        assertThat(result.path("artifact").path("uri").asText())
                .isEqualTo("s3://mlcycle/models/churn/churn-train-1/model.tar.gz");
        assertThat(result.path("dataset").toString()).isEqualTo("{\"uri\":\"s3://mlcycle/data/churn/2026-11.csv\","
                + "\"sha256\":\"" + Sha256.of(dataset) + "\"}");
        assertThat(JSON.readTree(seaweed.download("mlcycle", "models/churn/churn-train-1/mlcycle-result.json")))
                .isEqualTo(result);
        assertThat(JSON.readTree(seaweed.download("mlcycle", "models/churn/churn-train-1/reference-profile.json"))
                .path("samples").asInt()).isEqualTo(480);
        assertThat(JSON.readTree(seaweed.download("mlcycle", "models/churn/churn-train-1/metrics.json")))
                .isEqualTo(result.path("metrics"));

        S3Settings settings = S3Settings.from(env, Optional.empty());
        ArtifactStore store = new ArtifactStore(dir.resolve("cache"), HostPolicy.strict(),
                Map.of("s3", new S3Fetcher(settings, HostPolicy.strict())), new ArchiveExtractor(1 << 26, 100));
        Path modelDir = store.fetch(result.path("artifact").path("uri").asText(),
                result.path("artifact").path("sha256").asText());
        try (LoadedModel model = new ModelLoader(JSON).load("churn", "1", modelDir,
                new ModelLoader.Options(Optional.empty(), 1, 1))) {
            GoldenExamples.Outcome outcome = ServedArtifact.checkGoldenExamples(model);
            assertThat(outcome.agrees()).as(outcome.describe()).isTrue();
        }
    }

    @Test
    void wrongKeysCannotReadTheDataset() throws Exception {
        TrainerRun run = TrainerRun.of(env("not-the-secret"), dir.resolve("wrong-keys"));

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.stderr()).startsWith("dataset unreadable: cannot read the dataset s3://mlcycle/data/churn/2026-11.csv")
                .contains("403");
    }
}
