package io.mlcycle.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command-line tool (kubectl, helm) to its end, its output in files so a large one never blocks it. */
public final class ProgramRun {

    /** What one call printed and how it exited. */
    public record Result(int exitCode, String stdout, String stderr) {

        public Result assertSuccess() {
            if (exitCode != 0) {
                throw new AssertionError("exited " + exitCode + ": " + stderr + stdout);
            }
            return this;
        }
    }

    private ProgramRun() {
    }

    public static Result run(List<String> command, Map<String, String> environment, Duration timeout) {
        try {
            Path out = Files.createTempFile("program", ".out");
            Path err = Files.createTempFile("program", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
                        .redirectError(err.toFile());
                builder.environment().putAll(environment);
                Process process = builder.start();
                if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(command.get(0) + " did not finish in " + timeout + ": " + command);
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
