package io.mlcycle.e2e.cluster;

import static io.mlcycle.e2e.support.NodeWorkloads.JRE;
import static io.mlcycle.e2e.support.NodeWorkloads.shell;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.mlcycle.e2e.support.NodeWorkloads;
import io.mlcycle.e2e.support.TestCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster's S3 store (SeaweedFS, bucket {@code mlcycle}): what the host writes with the keys of Secret
 * {@code mlcycle-s3}, a pod holding only that Secret reads back byte for byte; a wrong key is refused.
 * The host reaches the store at its Service address (routed to the node's bridge; nothing leaves the machine).
 */
class S3StorageTest {

    private final TestCluster cluster = TestCluster.get();
    private final String namespace = cluster.createNamespace("s3");
    private final NodeWorkloads workloads = new NodeWorkloads(cluster.client(), namespace);
    private final Secret credentials = cluster.client().secrets().inNamespace("mlcycle-system").withName("mlcycle-s3").get();

    @TempDir
    Path dir;

    @AfterEach
    void deleteNamespace() {
        cluster.deleteNamespace(namespace);
    }

    @Test
    void anObjectWrittenFromTheHostIsReadBackIdenticallyByAPodUsingTheSecret() throws Exception {
        byte[] model = new byte[256 * 1024];
        new Random(42).nextBytes(model);
        Path file = Files.write(dir.resolve("model.bin"), model);
        String key = "mlcycle/" + namespace + "/model.bin";

        assertThat(curl(key(), secret(), "-X", "PUT", "--data-binary", "@" + file, hostEndpoint() + "/" + key))
                .isEqualTo("200");

        cluster.client().resource(new SecretBuilder()
                .withNewMetadata().withName("mlcycle-s3").withNamespace(namespace).endMetadata()
                .withData(credentials.getData()).build()).create();
        workloads.runOnce("reader", shell("reader", JRE,
                "curl -sf --aws-sigv4 \"aws:amz:$AWS_REGION:s3\" --user \"$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY\""
                        + " -H 'x-amz-content-sha256: UNSIGNED-PAYLOAD'"
                        + " \"$AWS_ENDPOINT_URL/" + key + "\" | sha256sum")
                .addNewEnvFrom().withNewSecretRef().withName("mlcycle-s3").endSecretRef().endEnvFrom()
                .build());
        workloads.awaitPod("reader", NodeWorkloads::succeeded);

        assertThat(workloads.logs("reader")).startsWith(sha256(model));
    }

    @Test
    void aWrongSecretKeyIsRefused() throws Exception {
        String key = "mlcycle/" + namespace + "/refused.bin";
        assertThat(curl(key(), "not-" + secret(), "-X", "PUT", "--data-binary", "x", hostEndpoint() + "/" + key))
                .isEqualTo("403");
        assertThat(curl(key(), "not-" + secret(), hostEndpoint() + "/mlcycle/")).isEqualTo("403");
    }

    private String hostEndpoint() {
        return "http://" + cluster.client().services().inNamespace("mlcycle-storage").withName("seaweedfs").get()
                .getSpec().getClusterIP() + ":8333";
    }

    private String key() {
        return decoded("AWS_ACCESS_KEY_ID");
    }

    private String secret() {
        return decoded("AWS_SECRET_ACCESS_KEY");
    }

    private String decoded(String name) {
        return new String(Base64.getDecoder().decode(credentials.getData().get(name)), StandardCharsets.UTF_8);
    }

    /** A SigV4-signed request with curl, as any S3 client would send it; returns the HTTP status. */
    private String curl(String accessKey, String secretKey, String... args) throws IOException, InterruptedException {
        var command = new java.util.ArrayList<>(java.util.List.of("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
                "--max-time", "10", "--aws-sigv4", "aws:amz:" + decoded("AWS_REGION") + ":s3",
                "--user", accessKey + ":" + secretKey,
                // curl 7.88 signs the body but does not send its hash, which S3 needs: declare it unsigned
                "-H", "x-amz-content-sha256: UNSIGNED-PAYLOAD"));
        command.addAll(java.util.List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
