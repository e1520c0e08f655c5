package io.mlcycle.runtime.artifact;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real SeaweedFS ({@code weed server}: master, volume, filer and S3) on loopback with free ports and one S3
 * identity, for tests. {@link #close()} kills it: a graceful stop takes about 27 s.
 */
public final class SeaweedFsServer implements AutoCloseable {

    public static final String ACCESS_KEY = "mlcycle-test";
    public static final String SECRET_KEY = "mlcycle-test-secret";

    private final Process process;
    private final Path dir;
    private final List<Integer> ports;
    private final int s3Port;

    private SeaweedFsServer(Process process, Path dir, List<Integer> ports) {
        this.process = process;
        this.dir = dir;
        this.ports = ports;
        this.s3Port = ports.get(6);
    }

    public static SeaweedFsServer start(Path dir) throws IOException, InterruptedException {
        Path weed = WeedBinary.locate();
        Path data = Files.createDirectories(dir.resolve("data"));
        Path identities = Files.writeString(dir.resolve("identities.json"), """
                {"identities": [{"name": "tester", "credentials": [{"accessKey": "%s", "secretKey": "%s"}],
                  "actions": ["Admin", "Read", "Write", "List", "Tagging"]}]}""".formatted(ACCESS_KEY, SECRET_KEY));
        List<Integer> ports = freePorts(8);
        List<String> command = List.of(weed.toString(), "server", "-dir=" + data, "-ip=127.0.0.1",
                "-ip.bind=127.0.0.1", "-master.telemetry=false",
                "-master.port=" + ports.get(0), "-master.port.grpc=" + ports.get(1),
                "-volume.port=" + ports.get(2), "-volume.port.grpc=" + ports.get(3),
                "-filer.port=" + ports.get(4), "-filer.port.grpc=" + ports.get(5),
                "-s3", "-s3.port=" + ports.get(6), "-s3.port.grpc=" + ports.get(7), "-s3.config=" + identities,
                "-s3.port.iceberg=0", "-s3.port.lance=0", "-volume.max=4", "-master.volumeSizeLimitMB=64");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("weed.log").toFile()).start();
        return new SeaweedFsServer(process, dir, ports);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + s3Port);
    }

    public S3Client client() {
        return S3Client.builder().endpointOverride(endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY,
                        SECRET_KEY))).build();
    }

    /** Creates the bucket and puts the object, retrying while the server comes up (S3 answers after ~2-5 s). */
    public void upload(String bucket, String key, Path file) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        try (S3Client s3 = client()) {
            boolean bucketMade = false;
            while (true) {
                try {
                    if (!bucketMade) {
                        s3.createBucket(b -> b.bucket(bucket));
                        bucketMade = true;
                    }
                    s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(file));
                    return;
                } catch (SdkException e) {
                    if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                        throw new AssertionError("SeaweedFS did not accept the upload within 60 s (alive: "
                                + process.isAlive() + "): " + e.getMessage() + "\n" + logTail(), e);
                    }
                    Thread.sleep(250);
                }
            }
        }
    }

    /** An object's bytes, as any S3 client reads them. */
    public byte[] download(String bucket, String key) {
        try (S3Client s3 = client()) {
            return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
        }
    }

    private String logTail() throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("weed.log"));
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> children = new ArrayList<>(process.descendants().toList());
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        process.waitFor(10, TimeUnit.SECONDS);
        // weed leaves its unix sockets behind when killed; they are named by port.
        for (int port : ports) {
            for (String kind : List.of("master", "master-grpc", "volume", "volume-grpc", "filer", "filer-grpc",
                    "s3", "s3-grpc")) {
                try {
                    Files.deleteIfExists(Path.of("/tmp", "seaweedfs-" + kind + "-" + port + ".sock"));
                } catch (IOException ignored) {
                    // best effort: a stale socket only matters if the same port is drawn again
                }
            }
        }
    }

    private static List<Integer> freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }
}
