package io.mlcycle.e2e.cluster;

import static io.mlcycle.e2e.support.NodeWorkloads.JRE;
import static io.mlcycle.e2e.support.NodeWorkloads.shell;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.mlcycle.e2e.support.ClusterS3;
import io.mlcycle.e2e.support.NodeWorkloads;
import io.mlcycle.e2e.support.TestCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
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
    private final ClusterS3 s3 = new ClusterS3(cluster);

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

        assertThat(s3.request("-X", "PUT", "--data-binary", "@" + file, s3.hostEndpoint() + "/" + key))
                .isEqualTo("200");

        cluster.client().resource(new SecretBuilder()
                .withNewMetadata().withName("mlcycle-s3").withNamespace(namespace).endMetadata()
                .withData(s3.credentials().getData()).build()).create();
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
        assertThat(s3.requestAs(s3.accessKey(), "not-" + s3.secretKey(), "-X", "PUT", "--data-binary", "x",
                s3.hostEndpoint() + "/" + key))
                .isEqualTo("403");
        assertThat(s3.requestAs(s3.accessKey(), "not-" + s3.secretKey(), s3.hostEndpoint() + "/mlcycle/")).isEqualTo("403");
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
