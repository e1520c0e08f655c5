package io.mlcycle.runtime.artifact;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Finds the SeaweedFS {@code weed} binary: {@code $MLCYCLE_WEED}, else the cluster harness's build
 * ({@code ~/.cache/mlcycle/k8s/<version>/bin/weed}), which {@code e2e-tests/cluster/build.sh seaweedfs} makes when it
 * is missing (Go module proxy, minutes cold, instant when cached). Fails, never skips, when there is none.
 */
public final class WeedBinary {

    private WeedBinary() {
    }

    public static Path locate() throws IOException, InterruptedException {
        String explicit = System.getenv("MLCYCLE_WEED");
        if (explicit != null && !explicit.isBlank()) {
            Path path = Path.of(explicit);
            if (!Files.isExecutable(path)) {
                throw new AssertionError("MLCYCLE_WEED names " + path + ", which is not an executable file");
            }
            return path;
        }
        buildWithTheHarness();
        Path k8s = Path.of(System.getProperty("user.home"), ".cache", "mlcycle", "k8s");
        try (Stream<Path> versions = Files.list(k8s)) {
            List<Path> found = versions.map(v -> v.resolve("bin").resolve("weed")).filter(Files::isExecutable)
                    .sorted().toList();
            if (found.isEmpty()) {
                throw new AssertionError("the harness built no weed binary under " + k8s);
            }
            return found.get(found.size() - 1);
        }
    }

    /** The same wrapper module and cache as the cluster's SeaweedFS, so there is one recipe to keep right. */
    private static void buildWithTheHarness() throws IOException, InterruptedException {
        Path script = Path.of("..", "e2e-tests", "cluster", "build.sh").toAbsolutePath().normalize();
        Path log = Files.createTempFile("weed-build", ".log");
        Process process = new ProcessBuilder("bash", script.toString(), "seaweedfs")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(20, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(script + " seaweedfs took over 20 minutes; see " + log);
        }
        if (process.exitValue() != 0) {
            throw new AssertionError(script + " seaweedfs failed (exit " + process.exitValue() + "): "
                    + Files.readString(log));
        }
        Files.delete(log);
    }
}
