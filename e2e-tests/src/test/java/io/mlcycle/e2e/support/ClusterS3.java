package io.mlcycle.e2e.support;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The cluster's S3 store (SeaweedFS) as the host reaches it: its Service address and the keys in {@code mlcycle-s3}. */
public final class ClusterS3 {

    private final TestCluster cluster;
    private final Secret credentials;

    public ClusterS3(TestCluster cluster) {
        this.cluster = cluster;
        this.credentials = cluster.client().secrets().inNamespace("mlcycle-system").withName("mlcycle-s3").get();
    }

    /** The Secret holding the keys, to copy into a test's namespace. */
    public Secret credentials() {
        return credentials;
    }

    /** The Service's ClusterIP, which the host reaches through the bridge route. */
    public String hostEndpoint() {
        return "http://" + cluster.client().services().inNamespace("mlcycle-storage").withName("seaweedfs").get()
                .getSpec().getClusterIP() + ":8333";
    }

    /** Puts a file at {@code key} of bucket mlcycle from the host; returns its {@code s3://} URI. */
    public String put(Path file, String key) throws IOException, InterruptedException {
        String status = request("-X", "PUT", "--data-binary", "@" + file, hostEndpoint() + "/mlcycle/" + key);
        if (!"200".equals(status)) {
            throw new AssertionError("PUT s3://mlcycle/" + key + " answered HTTP " + status);
        }
        return "s3://mlcycle/" + key;
    }

    /** Secret {@code mlcycle-s3} with the store's keys in {@code namespace}, as the harness makes it for mlcycle-demo. */
    public void copyKeysTo(String namespace) {
        cluster.client().resource(new SecretBuilder()
                .withNewMetadata().withName("mlcycle-s3").withNamespace(namespace).endMetadata()
                .withData(credentials.getData()).build()).create();
    }

    public String accessKey() {
        return decoded("AWS_ACCESS_KEY_ID");
    }

    public String secretKey() {
        return decoded("AWS_SECRET_ACCESS_KEY");
    }

    /** A SigV4-signed request with the Secret's keys; returns the HTTP status. */
    public String request(String... curlArgs) throws IOException, InterruptedException {
        return requestAs(accessKey(), secretKey(), curlArgs);
    }

    /** Downloads {@code s3://mlcycle/<key>} to {@code file} from the host. */
    public void get(String key, Path file) throws IOException, InterruptedException {
        String status = curl(file.toString(), accessKey(), secretKey(), hostEndpoint() + "/mlcycle/" + key);
        if (!"200".equals(status)) {
            throw new AssertionError("GET s3://mlcycle/" + key + " answered HTTP " + status);
        }
    }

    /** A SigV4-signed request with curl, as any S3 client would send it; returns the HTTP status. */
    public String requestAs(String accessKey, String secretKey, String... curlArgs) throws IOException, InterruptedException {
        return curl("/dev/null", accessKey, secretKey, curlArgs);
    }

    private String curl(String output, String accessKey, String secretKey, String... curlArgs)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("curl", "-s", "-o", output, "-w", "%{http_code}",
                "--max-time", "10", "--aws-sigv4", "aws:amz:" + decoded("AWS_REGION") + ":s3",
                "--user", accessKey + ":" + secretKey,
                // curl 7.88 signs the body but does not send its hash, which S3 needs: declare it unsigned
                "-H", "x-amz-content-sha256: UNSIGNED-PAYLOAD"));
        command.addAll(List.of(curlArgs));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("curl did not finish in 20 s: " + command);
        }
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }

    private String decoded(String name) {
        return new String(Base64.getDecoder().decode(credentials.getData().get(name)), StandardCharsets.UTF_8);
    }
}
