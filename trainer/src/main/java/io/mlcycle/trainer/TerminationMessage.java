package io.mlcycle.trainer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The container's termination message ({@code MLCYCLE_TERMINATION_LOG}, default {@code /dev/termination-log}), which
 * Kubernetes shows in the pod's status: the result summary on success, the failure's line otherwise. The default file
 * is written only when it exists (Kubernetes creates it; elsewhere there is nothing to write); a path given
 * explicitly is always written. At most 4096 bytes, what Kubernetes keeps.
 */
public final class TerminationMessage {

    public static final String VARIABLE = "MLCYCLE_TERMINATION_LOG";
    static final Path DEFAULT = Path.of("/dev/termination-log");
    static final int MAX_BYTES = 4096;

    private final Path file;
    private final boolean explicit;
    private final PrintStream log;

    public TerminationMessage(Path file, boolean explicit, PrintStream log) {
        this.file = file;
        this.explicit = explicit;
        this.log = log;
    }

    public static TerminationMessage from(Map<String, String> env, PrintStream log) {
        String given = env.get(VARIABLE);
        return given == null || given.isBlank() ? new TerminationMessage(DEFAULT, false, log)
                : new TerminationMessage(Path.of(given.trim()), true, log);
    }

    public void write(String message) {
        if (!explicit && !Files.exists(file)) {
            return;
        }
        try {
            Files.write(file, truncated(message));
        } catch (IOException e) {
            log.println("trainer: cannot write the termination message to " + file + ": " + e);
        }
    }

    /** The message's UTF-8 bytes, cut at a character boundary to at most 4096 bytes. */
    static byte[] truncated(String message) {
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder();
        ByteBuffer bytes = ByteBuffer.allocate(MAX_BYTES);
        // An encoder stops at the last whole character that fits when the buffer overflows.
        encoder.encode(CharBuffer.wrap(message), bytes, true);
        byte[] result = new byte[bytes.position()];
        bytes.flip().get(result);
        return result;
    }
}
