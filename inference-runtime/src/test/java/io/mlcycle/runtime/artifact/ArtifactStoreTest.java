package io.mlcycle.runtime.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Digest verification before anything is kept, the digest-keyed cache, claim mounts and S3 settings. */
class ArtifactStoreTest {

    /** A local fetcher that counts how often it is asked for bytes. */
    static final class CountingFetcher implements ArtifactFetcher {
        private final LocalFetcher local;
        int opened;

        CountingFetcher(Path pvcRoot) {
            this.local = new LocalFetcher(pvcRoot);
        }

        @Override
        public InputStream open(ArtifactUri uri) throws IOException {
            opened++;
            return local.open(uri);
        }
    }

    @TempDir
    Path dir;

    private CountingFetcher fetcher;

    private ArtifactStore store() {
        fetcher = new CountingFetcher(dir.resolve("pvc"));
        return new ArtifactStore(dir.resolve("cache"), HostPolicy.strict(), Map.of("file", fetcher, "pvc", fetcher),
                new ArchiveExtractor(1 << 20, 100));
    }

    @Test
    void verifiesTheDigestBeforeKeepingAnythingAndNamesBothDigests() throws IOException {
        Path model = Files.writeString(dir.resolve("model.onnx"), "onnx bytes");
        String wrong = "0".repeat(64);
        ArtifactStore store = store();
        assertThatThrownBy(() -> store.fetch(model.toUri().toString(), wrong))
                .isInstanceOfSatisfying(DigestMismatchException.class, e -> {
                    assertThat(e.expected()).isEqualTo(wrong);
                    assertThat(e.actual()).isEqualTo(Sha256.of("onnx bytes".getBytes(StandardCharsets.UTF_8)));
                })
                .hasMessageContaining("has sha256 " + Sha256.of(model) + " but " + wrong + " was expected");
        try (Stream<Path> left = Files.list(dir.resolve("cache"))) {
            assertThat(left).as("nothing published or left behind").isEmpty();
        }
        assertThatThrownBy(() -> store.fetch(model.toUri().toString(), "abc")).hasMessageContaining("64 hexadecimal");
        assertThatThrownBy(() -> store.fetch(model.toUri().toString(), null)).hasMessageContaining("no sha256");
    }

    @Test
    void fetchesOnceAndServesTheSameDigestFromTheCache() throws IOException {
        Path model = Files.writeString(dir.resolve("model.onnx"), "onnx bytes");
        String sha = Sha256.of(model);
        ArtifactStore store = store();
        Path first = store.fetch(model.toUri().toString(), sha);
        assertThat(first.resolve("model.onnx")).hasContent("onnx bytes");
        assertThat(first).isEqualTo(dir.resolve("cache").resolve(sha).resolve("model"));

        Path second = store.fetch(model.toUri().toString(), "SHA256:" + sha.toUpperCase());
        assertThat(second).isEqualTo(first);
        assertThat(fetcher.opened).as("second load with the same digest fetches nothing").isEqualTo(1);
        assertThat(store.cached(sha)).contains(first);
    }

    @Test
    void unpacksVerifiedArchivesFromAClaimMount() throws IOException {
        Path claim = Files.createDirectories(dir.resolve("pvc/model-store/churn"));
        Path archive = claim.resolve("model.zip");
        try (var zip = new org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream(archive)) {
            zip.putArchiveEntry(new org.apache.commons.compress.archivers.zip.ZipArchiveEntry("model.json"));
            zip.write("{}".getBytes(StandardCharsets.UTF_8));
            zip.closeArchiveEntry();
        }
        Path model = store().fetch("pvc://model-store/churn/model.zip", Sha256.of(archive));
        assertThat(model.resolve("model.json")).hasContent("{}");
        assertThat(model.resolve("model.zip")).doesNotExist();
    }

    @Test
    void saysWhatIsWrongWithLocalArtifacts() throws IOException {
        Files.createDirectories(dir.resolve("pvc/claim/folder"));
        ArtifactStore store = store();
        String sha = "a".repeat(64);
        assertThatThrownBy(() -> store.fetch("pvc://claim/missing.onnx", sha)).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> store.fetch("pvc://claim/folder", sha)).hasMessageContaining("is a directory");
        assertThatThrownBy(() -> store.fetch("s3://bucket/key", sha)).hasMessageContaining("no fetcher for scheme s3");
    }

    @Test
    void readsS3SettingsFromTheEnvironmentThenFromMountedSecretFiles() throws IOException {
        Path secret = Files.createDirectories(dir.resolve("secret"));
        Files.writeString(secret.resolve("AWS_ACCESS_KEY_ID"), "from-file\n");
        Files.writeString(secret.resolve("AWS_SECRET_ACCESS_KEY"), "file-secret");
        S3Settings settings = S3Settings.from(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:8333",
                "AWS_REGION", "eu-west-1", "AWS_ACCESS_KEY_ID", "from-env"), java.util.Optional.of(secret));
        assertThat(settings.endpoint()).hasValueSatisfying(uri -> assertThat(uri.getPort()).isEqualTo(8333));
        assertThat(settings.region()).isEqualTo("eu-west-1");
        assertThat(settings.pathStyle()).as("custom endpoints default to path style").isTrue();
        assertThat(settings.accessKeyId()).contains("from-env");
        assertThat(settings.secretAccessKey()).contains("file-secret");
        assertThat(settings.toString()).doesNotContain("file-secret");

        S3Settings aws = S3Settings.from(Map.of("MLCYCLE_S3_PATH_STYLE", "false"), java.util.Optional.empty());
        assertThat(aws.region()).isEqualTo("us-east-1");
        assertThat(aws.pathStyle()).isFalse();
        assertThat(aws.accessKeyId()).isEmpty();
    }
}
