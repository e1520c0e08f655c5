package io.mlcycle.trainer.data;

import io.mlcycle.runtime.artifact.ArtifactException;
import io.mlcycle.runtime.artifact.ArtifactFetcher;
import io.mlcycle.runtime.artifact.ArtifactUri;
import io.mlcycle.runtime.artifact.HostPolicy;
import io.mlcycle.runtime.artifact.HttpFetcher;
import io.mlcycle.runtime.artifact.LocalFetcher;
import io.mlcycle.runtime.artifact.S3Fetcher;
import io.mlcycle.runtime.artifact.S3Settings;
import io.mlcycle.runtime.artifact.Sha256;
import io.mlcycle.trainer.ExitCode;
import io.mlcycle.trainer.TrainerFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Copies a dataset into a local file with the inference runtime's fetchers ({@code s3://}, {@code http(s)://},
 * {@code file://}), hashing the bytes as they arrive. The digest is always recorded; when one was declared, data with
 * another digest is refused before a single row is read.
 */
public final class DatasetFetcher {

    /** Longest an http(s) download may take, redirects and body included. */
    private static final Duration HTTP_TIMEOUT = Duration.ofMinutes(30);

    private final HostPolicy policy;
    private final Map<String, ArtifactFetcher> fetchers;

    public DatasetFetcher(HostPolicy policy, Map<String, ArtifactFetcher> fetchers) {
        this.policy = policy;
        this.fetchers = Map.copyOf(fetchers);
    }

    /** The fetchers the trainer runs with; S3 is configured from the same variables as the runtime's. */
    public static DatasetFetcher fromEnvironment(Map<String, String> env) {
        HostPolicy policy = HostPolicy.strict();
        HttpFetcher http = new HttpFetcher(policy, HTTP_TIMEOUT);
        // pvc:// is the runtime's; a training pod reads file:// paths only, so the mount root is never used.
        LocalFetcher local = new LocalFetcher(Path.of("/nonexistent"));
        return new DatasetFetcher(policy, Map.of("s3", new S3Fetcher(S3Settings.from(env, Optional.empty()), policy),
                "http", http, "https", http, "file", local));
    }

    /** Fetches into a new file under {@code workDir} and checks the digest when one is declared. */
    public FetchedDataset fetch(String uriText, Optional<String> declaredSha256, Path workDir) {
        ArtifactUri uri;
        try {
            uri = ArtifactUri.parse(uriText, policy);
        } catch (ArtifactException e) {
            throw new TrainerFailure(ExitCode.INVALID_SETTINGS, "MLCYCLE_DATASET_URI: " + e.getMessage(), e);
        }
        ArtifactFetcher fetcher = fetchers.get(uri.scheme());
        if (fetcher == null) {
            throw new TrainerFailure(ExitCode.INVALID_SETTINGS, "MLCYCLE_DATASET_URI " + uri
                    + ": the trainer reads datasets from s3://, http(s):// and file:// only");
        }
        MessageDigest digest = Sha256.newDigest();
        Path file;
        long size;
        try {
            file = Files.createTempFile(workDir, "dataset-", ".csv");
            try (InputStream in = new DigestInputStream(fetcher.open(uri), digest);
                    OutputStream out = Files.newOutputStream(file)) {
                size = in.transferTo(out);
            }
        } catch (IOException | RuntimeException e) {
            throw new TrainerFailure(ExitCode.DATASET_UNREADABLE, "cannot read the dataset " + uri.redacted() + ": "
                    + messageOf(e), e);
        }
        String actual = Sha256.hex(digest);
        if (declaredSha256.isPresent() && !declaredSha256.get().equals(actual)) {
            throw new TrainerFailure(ExitCode.DATASET_DIGEST_MISMATCH, "the dataset " + uri.redacted()
                    + " has sha256 " + actual + " but MLCYCLE_DATASET_SHA256 is " + declaredSha256.get()
                    + "; refusing to train on data other than the declared");
        }
        return new FetchedDataset(uri.redacted(), file, actual, size);
    }

    private static String messageOf(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
