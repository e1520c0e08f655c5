package io.mlcycle.trainer.output;

import io.mlcycle.runtime.artifact.ArtifactException;
import io.mlcycle.runtime.artifact.HostPolicy;
import io.mlcycle.runtime.artifact.S3Settings;
import io.mlcycle.trainer.ExitCode;
import io.mlcycle.trainer.TrainerFailure;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * An S3 prefix, written with PutObject. The client is built from the same {@link S3Settings} as the runtime's
 * {@code S3Fetcher} (endpoint override, path style when an endpoint is set, static keys or the SDK's default chain),
 * so anything the runtime can read back, the trainer can write.
 */
public final class S3OutputLocation implements OutputLocation {

    /** Attempts per write, with the SDK's standard exponential backoff between them (about a minute in all). */
    static final int MAX_ATTEMPTS = 8;

    private final S3Settings settings;
    private final String bucket;
    private final String prefix;
    private S3Client client;

    /** @param prefix the key prefix without leading or trailing slashes; empty for the bucket's root */
    public S3OutputLocation(S3Settings settings, String bucket, String prefix) {
        this.settings = settings;
        this.bucket = bucket;
        this.prefix = prefix;
    }

    @Override
    public void write(String name, byte[] bytes) {
        String key = key(name);
        try {
            settings.endpoint().ifPresent(endpoint -> HostPolicy.strict().checkResolved(endpoint.getHost(), uri(name)));
            client().putObject(PutObjectRequest.builder().bucket(bucket).key(key).contentType(contentType(name))
                    .build(), RequestBody.fromBytes(bytes));
        } catch (S3Exception e) {
            String why = e.statusCode() == 403 ? "access denied; check the S3 credentials"
                    : e.statusCode() == 404 ? "no such bucket" : e.awsErrorDetails().errorMessage();
            throw new TrainerFailure(ExitCode.OUTPUT_FAILED, "cannot write " + uri(name) + ": S3 answered "
                    + e.statusCode() + ", " + why, e);
        } catch (SdkException | ArtifactException e) {
            throw new TrainerFailure(ExitCode.OUTPUT_FAILED, "cannot write " + uri(name) + " (" + settings + "): "
                    + e.getMessage(), e);
        }
    }

    @Override
    public String uri(String name) {
        return "s3://" + bucket + "/" + key(name);
    }

    private String key(String name) {
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String contentType(String name) {
        return name.endsWith(".json") ? "application/json" : name.endsWith(".tar.gz") ? "application/gzip"
                : "application/octet-stream";
    }

    private synchronized S3Client client() {
        if (client == null) {
            client = settings.clientBuilder()
                    // A failed write throws away a finished training: ride out a store's bad seconds (5xx,
                    // throttling) longer than the SDK's default three attempts would.
                    .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                            .maxAttempts(MAX_ATTEMPTS).build()))
                    .build();
        }
        return client;
    }

    @Override
    public String toString() {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
    }
}
