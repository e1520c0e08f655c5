package io.mlcycle.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Triton's own Python clients ({@code e2e-tests/src/test/python/serving_clients.py}, in the virtualenv the runtime's
 * interop tests set up) against the serving stories' InferenceServices; its output is logged in {@code dir}.
 */
public final class TritonClients {

    private final Path dir;

    public TritonClients(Path dir) {
        this.dir = dir;
    }

    /** Runs {@code serving_clients.py} with these arguments; returns its last line (its JSON result). */
    public String run(String... args) throws Exception {
        String venv = command(Duration.ofMinutes(10), "bash", "../inference-runtime/src/test/python/setup-triton-venv.sh");
        List<String> command = new ArrayList<>(List.of(venv, "src/test/python/serving_clients.py"));
        command.addAll(List.of(args));
        return command(Duration.ofMinutes(2), command.toArray(String[]::new));
    }

    private String command(Duration limit, String... command) throws Exception {
        Path log = Files.createTempFile(dir, "script", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = process.waitFor(limit.toSeconds(), TimeUnit.SECONDS);
        if (!done) {
            process.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(log);
        assertThat(done && process.exitValue() == 0).as(String.join(" ", command) + ":\n" + String.join("\n", lines))
                .isTrue();
        return lines.get(lines.size() - 1);
    }
}
