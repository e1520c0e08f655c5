package io.mlcycle.operator.rollout;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as the API writes them ({@code 500ms}, {@code 30s}, {@code 1h30m}; the CRD's pattern guarantees the form).
 * {@link Duration#parse} reads only ISO-8601 ({@code PT30S}), hence this small reader.
 */
public final class SpecDuration {

    private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h)");

    private SpecDuration() {
    }

    /** The duration {@code text} names; {@code fallback} when it is null. */
    public static Duration parse(String text, Duration fallback) {
        if (text == null) {
            return fallback;
        }
        Matcher part = PART.matcher(text);
        double millis = 0;
        int end = 0;
        while (part.find() && part.start() == end) {
            double amount = Double.parseDouble(part.group(1));
            millis += switch (part.group(2)) {
                case "ms" -> amount;
                case "s" -> amount * 1_000;
                case "m" -> amount * 60_000;
                default -> amount * 3_600_000;
            };
            end = part.end();
        }
        if (end != text.length() || end == 0) {
            throw new IllegalArgumentException("not a duration such as 500ms, 30s, 5m or 1h: " + text);
        }
        return Duration.ofNanos(Math.round(millis * 1_000_000));
    }
}
