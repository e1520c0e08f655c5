package io.mlcycle.runtime.validate;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * Where a validation's one-line result goes: stdout always, and the container's termination message file when it
 * exists (Kubernetes creates {@code /dev/termination-log}; elsewhere nothing is written), so that
 * {@code kubectl get pod} and the operator see the reason without reading logs.
 */
public final class TerminationLog {

    private static final Logger LOG = Logger.getLogger(TerminationLog.class);
    /** Kubernetes reads at most 4096 bytes of a termination message. */
    private static final int MAX_BYTES = 4096;

    private final Path file;
    private final PrintStream stdout;

    public TerminationLog(Path file, PrintStream stdout) {
        this.file = file;
        this.stdout = stdout;
    }

    /** Writes the message, made one line, to stdout and to the termination file when it exists. */
    public void write(String message) {
        String line = message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
        stdout.println(line);
        stdout.flush();
        if (!Files.exists(file)) {
            return;
        }
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        try {
            Files.write(file, bytes.length <= MAX_BYTES ? bytes : java.util.Arrays.copyOf(bytes, MAX_BYTES));
        } catch (IOException e) {
            LOG.warnf("cannot write the termination message to %s: %s", file, e.getMessage());
        }
    }
}
