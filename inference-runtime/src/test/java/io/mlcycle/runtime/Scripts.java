package io.mlcycle.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the tests' helper programs (Python writers, virtualenv set-up, writer JVMs) and fails loudly when one fails. */
public final class Scripts {

    /** Where the tests' Python scripts live, relative to the module. */
    public static final Path PYTHON = Path.of("src/test/python");

    private Scripts() {
    }

    /** Runs the command to its end and returns what it printed; an AssertionError with that output otherwise. */
    public static String run(Duration timeout, List<String> command) {
        return run(timeout, command, Path.of("."));
    }

    /** {@link #run(Duration, List)} in another working directory (for tools that leave files where they run). */
    public static String run(Duration timeout, List<String> command, Path directory) {
        try {
            Path log = Files.createTempFile("mlcycle-script-", ".log");
            try {
                Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).start();
                if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout + ":\n"
                            + Files.readString(log, StandardCharsets.UTF_8));
                }
                String output = Files.readString(log, StandardCharsets.UTF_8);
                if (process.exitValue() != 0) {
                    throw new AssertionError(String.join(" ", command) + " failed (" + process.exitValue() + "):\n"
                            + output);
                }
                return output;
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The python of the virtualenv NAME holding exactly these requirements (made once by setup-venv.sh). */
    public static String venvPython(String name, List<String> requirements) {
        List<String> command = new ArrayList<>(List.of("bash", PYTHON.resolve("setup-venv.sh").toString(),
                name));
        command.addAll(requirements);
        return lastLine(run(Duration.ofMinutes(10), command));
    }

    /** The last line a script printed, e.g. the python a set-up script prints after its pip output. */
    public static String lastLine(String output) {
        return output.strip().lines().reduce((a, b) -> b).orElseThrow().strip();
    }
}
