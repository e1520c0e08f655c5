package io.mlcycle.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.mlcycle.runtime.artifact.Sha256;
import io.mlcycle.trainer.ExitCode;
import io.mlcycle.trainer.TrainerFailure;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fetching a dataset with the runtime's fetchers: the digest always recorded, checked when declared. */
class DatasetFetcherTest {

    private static final byte[] CSV = "x,y\n1,a\n2,b\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private final DatasetFetcher fetcher = DatasetFetcher.fromEnvironment(Map.of());

    private TrainerFailure failure(String uri, Optional<String> sha256) {
        try {
            fetcher.fetch(uri, sha256, dir);
        } catch (TrainerFailure failure) {
            return failure;
        }
        throw new AssertionError("no failure for " + uri);
    }

    @Test
    void aLocalFileIsCopiedWithItsDigest() throws Exception {
        Path file = Files.write(dir.resolve("data.csv"), CSV);

        FetchedDataset fetched = fetcher.fetch(file.toUri().toString(), Optional.empty(), dir);

        assertThat(fetched.sha256()).isEqualTo(Sha256.of(CSV));
        assertThat(fetched.size()).isEqualTo(CSV.length);
        assertThat(fetched.file()).hasBinaryContent(CSV).isNotEqualTo(file);
        assertThat(fetched.uri()).isEqualTo(file.toUri().toString());
    }

    @Test
    void aDeclaredDigestMustMatch() throws Exception {
        Path file = Files.write(dir.resolve("data.csv"), CSV);

        assertThat(fetcher.fetch(file.toUri().toString(), Optional.of(Sha256.of(CSV)), dir).sha256())
                .isEqualTo(Sha256.of(CSV));
        TrainerFailure failure = failure(file.toUri().toString(), Optional.of("0".repeat(64)));
        assertThat(failure.exitCode()).isEqualTo(ExitCode.DATASET_DIGEST_MISMATCH);
        assertThat(failure).hasMessageContaining("has sha256 " + Sha256.of(CSV) + " but MLCYCLE_DATASET_SHA256 is "
                + "0".repeat(64));
    }

    @Test
    void overHttpWithTheQueryStringKeptOutOfWhatIsRecorded() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/data.csv", exchange -> {
            exchange.sendResponseHeaders(200, CSV.length);
            exchange.getResponseBody().write(CSV);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();

            FetchedDataset fetched = fetcher.fetch(base + "/data.csv?X-Amz-Signature=secret", Optional.empty(), dir);

            assertThat(fetched.sha256()).isEqualTo(Sha256.of(CSV));
            assertThat(fetched.uri()).isEqualTo(base + "/data.csv");
            TrainerFailure missing = failure(base + "/other.csv", Optional.empty());
            assertThat(missing.exitCode()).isEqualTo(ExitCode.DATASET_UNREADABLE);
            assertThat(missing).hasMessageContaining("answered HTTP 404");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aMissingFileIsUnreadable() {
        TrainerFailure failure = failure(dir.resolve("none.csv").toUri().toString(), Optional.empty());

        assertThat(failure.exitCode()).isEqualTo(ExitCode.DATASET_UNREADABLE);
        assertThat(failure).hasMessageContaining("does not exist");
    }

    @Test
    void schemesTheTrainerDoesNotReadAreInvalidSettings() {
        assertThat(failure("pvc://claim/data.csv", Optional.empty()).exitCode()).isEqualTo(ExitCode.INVALID_SETTINGS);
        assertThat(failure("http://169.254.169.254/latest", Optional.empty()).exitCode())
                .isEqualTo(ExitCode.INVALID_SETTINGS);
    }
}
