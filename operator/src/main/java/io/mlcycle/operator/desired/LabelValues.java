package io.mlcycle.operator.desired;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Names and label values cut to Kubernetes' limits without two long names colliding (a hash of the whole keeps them apart). */
public final class LabelValues {

    static final int LABEL_VALUE_MAX = 63;

    private LabelValues() {
    }

    /** {@code value} when it fits a label value, else its first part, '-' and 8 hex digits of its SHA-256. */
    public static String fit(String value) {
        return shorten(value, LABEL_VALUE_MAX);
    }

    /** {@code value} when at most {@code max} characters, else cut to fit with a hash suffix. */
    public static String shorten(String value, int max) {
        if (value.length() <= max) {
            return value;
        }
        return hashed(value, value, max);
    }

    /** The first part of {@code head}, '-' and 8 hex digits of the SHA-256 of {@code whole}, in {@code max} characters. */
    static String hashed(String head, String whole, int max) {
        String hash = sha256(whole).substring(0, 8);
        String cut = head.substring(0, Math.min(head.length(), max - hash.length() - 1)).replaceAll("[-._]+$", "");
        return cut + "-" + hash;
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
