package io.mlcycle.runtime.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/** SHA-256 digests as 64 lowercase hex characters, the form artifacts are declared with. */
public final class Sha256 {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    private Sha256() {
    }

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The digest of a file's bytes. */
    public static String of(Path file) throws IOException {
        MessageDigest digest = newDigest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return hex(digest);
    }

    /** The digest of some bytes. */
    public static String of(byte[] bytes) {
        MessageDigest digest = newDigest();
        digest.update(bytes);
        return hex(digest);
    }

    /**
     * A declared digest in canonical form: lowercase, without an optional {@code sha256:} prefix; anything that is
     * not 64 hex characters is refused.
     */
    public static String normalize(String declared) {
        if (declared == null || declared.isBlank()) {
            throw new ArtifactException("no sha256 given for the artifact; every artifact must declare its digest");
        }
        String value = declared.trim().toLowerCase(Locale.ROOT);
        if (value.startsWith("sha256:")) {
            value = value.substring("sha256:".length());
        }
        if (!HEX.matcher(value).matches()) {
            throw new ArtifactException("sha256 '" + declared + "' is not 64 hexadecimal characters");
        }
        return value;
    }
}
