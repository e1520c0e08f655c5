package io.mlcycle.runtime.artifact;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Finds the SeaweedFS {@code weed} binary: {@code $MLCYCLE_WEED}, else the cluster harness's build
 * ({@code ~/.cache/mlcycle/k8s/<version>/bin/weed}), else this module's own build in
 * {@code ~/.cache/mlcycle/seaweedfs/weed}, building it from {@code src/test/seaweedfs} (Go module proxy, a few
 * minutes cold) when it is missing. Fails, never skips, when there is none and the build fails.
 */
final class WeedBinary {

    private WeedBinary() {
    }

    static Path locate() throws IOException, InterruptedException {
        String explicit = System.getenv("MLCYCLE_WEED");
        if (explicit != null && !explicit.isBlank()) {
            return executable(Path.of(explicit), "MLCYCLE_WEED");
        }
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "mlcycle");
        Path k8s = cache.resolve("k8s");
        if (Files.isDirectory(k8s)) {
            try (Stream<Path> versions = Files.list(k8s)) {
                List<Path> found = versions.map(v -> v.resolve("bin").resolve("weed")).filter(Files::isExecutable)
                        .sorted().toList();
                if (!found.isEmpty()) {
                    return found.get(found.size() - 1);
                }
            }
        }
        Path own = cache.resolve("seaweedfs").resolve("weed");
        if (!Files.isExecutable(own)) {
            build(own);
        }
        return own;
    }

    private static Path executable(Path path, String from) {
        if (!Files.isExecutable(path)) {
            throw new AssertionError(from + " names " + path + ", which is not an executable file");
        }
        return path;
    }

    /** go build of the wrapper module (STACK.md: upstream weed.go + static/ + its replace line). */
    private static void build(Path target) throws IOException, InterruptedException {
        Path module = Path.of("src", "test", "seaweedfs").toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path log = target.resolveSibling("build.log");
        List<String> command = new ArrayList<>(List.of("go", "build", "-trimpath", "-buildvcs=false",
                "-mod=readonly", "-ldflags", "-s -w", "-o", target.toString(), "."));
        ProcessBuilder builder = new ProcessBuilder(command).directory(module.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("CGO_ENABLED", "0");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("no weed binary and Go is not installed to build one from " + module, e);
        }
        if (!process.waitFor(15, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("building weed from " + module + " took over 15 minutes; see " + log);
        }
        if (process.exitValue() != 0 || !Files.isExecutable(target)) {
            throw new AssertionError("building weed from " + module + " failed (exit " + process.exitValue()
                    + "): " + Files.readString(log));
        }
    }
}
