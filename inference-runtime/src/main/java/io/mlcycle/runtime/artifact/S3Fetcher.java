package io.mlcycle.runtime.artifact;

import java.io.InputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Fetches {@code s3://bucket/key} artifacts with the AWS SDK v2, from AWS or any S3-compatible endpoint. */
public final class S3Fetcher implements ArtifactFetcher {

    private final S3Settings settings;
    private final HostPolicy policy;
    private S3Client client;

    public S3Fetcher(S3Settings settings, HostPolicy policy) {
        this.settings = settings;
        this.policy = policy;
    }

    @Override
    public InputStream open(ArtifactUri uri) {
        settings.endpoint().ifPresent(endpoint -> policy.checkResolved(endpoint.getHost(), uri.redacted()));
        try {
            return client().getObject(GetObjectRequest.builder().bucket(uri.location()).key(uri.path()).build());
        } catch (NoSuchKeyException e) {
            throw new ArtifactException("artifact " + uri + " does not exist (no such key)", e);
        } catch (S3Exception e) {
            String why = e.statusCode() == 403 ? "access denied; check the S3 credentials"
                    : e.statusCode() == 404 ? "no such bucket or key" : e.awsErrorDetails().errorMessage();
            throw new ArtifactException("artifact " + uri + ": S3 answered " + e.statusCode() + ", " + why, e);
        } catch (SdkException e) {
            throw new ArtifactException("artifact " + uri + ": cannot reach S3 (" + settings + "): "
                    + e.getMessage(), e);
        }
    }

    private synchronized S3Client client() {
        if (client == null) {
            client = settings.clientBuilder().build();
        }
        return client;
    }
}
