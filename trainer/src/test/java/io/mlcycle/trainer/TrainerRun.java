package io.mlcycle.trainer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One in-process run of {@link TrainerMain#run} with an environment, and what it printed and wrote. */
public record TrainerRun(int exitCode, String stdout, String stderr, Path terminationLog) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Runs with {@code env} plus a termination log under {@code dir}. */
    public static TrainerRun of(Map<String, String> env, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path terminationLog = dir.resolve("termination-log-" + System.nanoTime());
        Map<String, String> withLog = new HashMap<>(env);
        withLog.put(TerminationMessage.VARIABLE, terminationLog.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = TrainerMain.run(withLog, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new TrainerRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                terminationLog);
    }

    public List<String> stdoutLines() {
        return stdout.lines().toList();
    }

    public String terminationMessage() throws IOException {
        return Files.readString(terminationLog);
    }

    /** The summary from the last stdout line, {@code mlcycle-result {...}}. */
    public JsonNode result() throws IOException {
        List<String> lines = stdoutLines();
        String last = lines.get(lines.size() - 1);
        if (!last.startsWith("mlcycle-result ")) {
            throw new AssertionError("the last stdout line is not the result: " + last + "\nstderr: " + stderr);
        }
        return JSON.readTree(last.substring("mlcycle-result ".length()));
    }
}
