package io.mlcycle.runtime.artifact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * How to reach S3 or an S3-compatible store. From the environment: {@code AWS_ENDPOINT_URL}, {@code AWS_REGION}
 * (or {@code AWS_DEFAULT_REGION}), {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY},
 * {@code AWS_SESSION_TOKEN}, {@code MLCYCLE_S3_PATH_STYLE}; keys missing from the environment are read from files
 * of the same names in a mounted secret directory. With no keys at all, the SDK's default chain (web identity,
 * instance profile) applies.
 */
public record S3Settings(Optional<URI> endpoint, String region, boolean pathStyle, Optional<String> accessKeyId,
        Optional<String> secretAccessKey, Optional<String> sessionToken) {

    public static S3Settings from(Map<String, String> env, Optional<Path> secretDir) {
        Optional<URI> endpoint = value(env, secretDir, "AWS_ENDPOINT_URL").map(URI::create);
        String region = value(env, secretDir, "AWS_REGION")
                .or(() -> value(env, secretDir, "AWS_DEFAULT_REGION")).orElse("us-east-1");
        boolean pathStyle = value(env, secretDir, "MLCYCLE_S3_PATH_STYLE").map(Boolean::parseBoolean)
                .orElse(endpoint.isPresent());
        return new S3Settings(endpoint, region, pathStyle, value(env, secretDir, "AWS_ACCESS_KEY_ID"),
                value(env, secretDir, "AWS_SECRET_ACCESS_KEY"), value(env, secretDir, "AWS_SESSION_TOKEN"));
    }

    private static Optional<String> value(Map<String, String> env, Optional<Path> secretDir, String key) {
        String fromEnv = env.get(key);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(fromEnv.trim());
        }
        return secretDir.map(dir -> dir.resolve(key)).filter(Files::isRegularFile).map(file -> {
            try {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read S3 setting " + file, e);
            }
        }).filter(v -> !v.isEmpty());
    }

    @Override
    public String toString() {
        return "S3Settings[endpoint=" + endpoint.map(URI::toString).orElse("aws") + ", region=" + region
                + ", pathStyle=" + pathStyle + ", keys=" + (accessKeyId.isPresent() ? "given" : "default chain") + "]";
    }

    /** An S3 client builder for these settings: region, path style, endpoint, the keys given or the SDK's chain. */
    public S3ClientBuilder clientBuilder() {
        S3ClientBuilder builder = S3Client.builder().region(Region.of(region)).forcePathStyle(pathStyle)
                .credentialsProvider(credentials());
        endpoint.ifPresent(builder::endpointOverride);
        return builder;
    }

    private AwsCredentialsProvider credentials() {
        if (accessKeyId.isPresent() && secretAccessKey.isPresent()) {
            String id = accessKeyId.get();
            String secret = secretAccessKey.get();
            return StaticCredentialsProvider.create(sessionToken
                    .<AwsCredentials>map(token -> AwsSessionCredentials.create(id, secret, token))
                    .orElseGet(() -> AwsBasicCredentials.create(id, secret)));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
