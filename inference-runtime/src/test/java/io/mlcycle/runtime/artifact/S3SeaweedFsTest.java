package io.mlcycle.runtime.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcycle.runtime.engine.ModelLoader;
import io.mlcycle.runtime.validate.ModelValidator;
import io.mlcycle.runtime.validate.SmallXgboostModel;
import io.mlcycle.runtime.validate.TerminationLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * s3:// artifacts against a real SeaweedFS on loopback (path-style, endpoint override), uploaded with the AWS SDK:
 * the runtime fetches, verifies, loads and runs the model; a wrong digest and wrong keys are refused.
 */
class S3SeaweedFsTest {

    private static final String BUCKET = "models";
    private static final String KEY = "churn/7/model.json";

    @TempDir
    static Path dir;

    private static SeaweedFsServer seaweed;
    private static String sha256;

    @BeforeAll
    static void startSeaweedFsAndUpload() throws Exception {
        Path model = SmallXgboostModel.write(dir.resolve("model"));
        sha256 = Sha256.of(model);
        seaweed = SeaweedFsServer.start(Files.createDirectories(dir.resolve("seaweedfs")));
        seaweed.upload(BUCKET, KEY, model);
    }

    @AfterAll
    static void stopSeaweedFs() throws Exception {
        if (seaweed != null) {
            seaweed.close();
        }
    }

    private static ArtifactStore store(String secretKey, String cacheName) {
        S3Settings settings = S3Settings.from(Map.of("AWS_ENDPOINT_URL", seaweed.endpoint().toString(),
                "AWS_ACCESS_KEY_ID", SeaweedFsServer.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", secretKey),
                Optional.empty());
        return new ArtifactStore(dir.resolve(cacheName), HostPolicy.strict(),
                Map.of("s3", new S3Fetcher(settings, HostPolicy.strict())), new ArchiveExtractor(1 << 24, 100));
    }

    private static ModelValidator validator(ArtifactStore store, ByteArrayOutputStream out) {
        return new ModelValidator(store, new ModelLoader(new ObjectMapper()),
                new TerminationLog(dir.resolve("no-termination-log"), new PrintStream(out, true, StandardCharsets.UTF_8)));
    }

    private static ModelValidator.Request request(String digest) {
        return new ModelValidator.Request(Optional.of("s3://" + BUCKET + "/" + KEY), Optional.of(digest), "churn", "7",
                new ModelLoader.Options(Optional.empty(), 1, 1));
    }

    @Test
    void loadsAndRunsAModelFetchedFromS3() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelValidator.Result result = validator(store(SeaweedFsServer.SECRET_KEY, "cache-good"), out)
                .validate(request(sha256));
        assertThat(result).as(out.toString(StandardCharsets.UTF_8)).isEqualTo(ModelValidator.Result.VALID);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("valid churn:7: sha256 " + sha256);
    }

    @Test
    void refusesAnArtifactWhoseDigestDiffers() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String wrong = "f".repeat(64);
        ModelValidator.Result result = validator(store(SeaweedFsServer.SECRET_KEY, "cache-digest"), out)
                .validate(request(wrong));
        assertThat(result).isEqualTo(ModelValidator.Result.ARTIFACT_FAILED);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("sha256 mismatch: artifact s3://" + BUCKET + "/" + KEY)
                .contains(sha256);
    }

    @Test
    void refusesWrongCredentials() {
        assertThatThrownBy(() -> store("not-the-secret", "cache-keys").fetch("s3://" + BUCKET + "/" + KEY, sha256))
                .isInstanceOf(ArtifactException.class)
                .hasMessageContaining("S3 answered 403, access denied; check the S3 credentials");
    }
}
