package io.mlcycle.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs kubectl as a user would, against the cluster under test. */
public final class Kubectl {

    /** What one kubectl call printed and how it exited. */
    public record Result(int exitCode, String stdout, String stderr) {

        public Result assertSuccess() {
            if (exitCode != 0) {
                throw new AssertionError("kubectl exited " + exitCode + ": " + stderr + stdout);
            }
            return this;
        }
    }

    private final Path kubeconfig;

    Kubectl(Path kubeconfig) {
        this.kubeconfig = kubeconfig;
    }

    /** The kubectl built by the harness, else the first one on the PATH. */
    static String binary() {
        String bin = System.getProperty("mlcycle.k8sBin");
        if (bin != null && Files.isExecutable(Path.of(bin, "kubectl"))) {
            return Path.of(bin, "kubectl").toString();
        }
        return "kubectl";
    }

    public Result run(String... args) {
        List<String> command = new ArrayList<>(List.of(binary(), "--kubeconfig", kubeconfig.toString()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("kubectl", ".out");
            Path err = Files.createTempFile("kubectl", ".err");
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl did not finish in 60 s: " + command);
            }
            Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
