package io.mlcycle.runtime.artifact;

import java.io.InputStream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
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
            S3ClientBuilder builder = S3Client.builder()
                    .region(Region.of(settings.region()))
                    .forcePathStyle(settings.pathStyle())
                    .credentialsProvider(credentials());
            settings.endpoint().ifPresent(builder::endpointOverride);
            client = builder.build();
        }
        return client;
    }

    private AwsCredentialsProvider credentials() {
        if (settings.accessKeyId().isPresent() && settings.secretAccessKey().isPresent()) {
            String id = settings.accessKeyId().get();
            String secret = settings.secretAccessKey().get();
            return StaticCredentialsProvider.create(settings.sessionToken()
                    .<AwsCredentials>map(token -> AwsSessionCredentials.create(id, secret, token))
                    .orElseGet(() -> AwsBasicCredentials.create(id, secret)));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
