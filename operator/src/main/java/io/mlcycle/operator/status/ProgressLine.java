package io.mlcycle.operator.status;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcycle.api.v1alpha1.TrainingProgress;
import java.util.Optional;

/**
 * The trainer contract's progress report: stdout lines {@code mlcycle-progress {"step":10,"steps":100,
 * "unit":"round","loss":0.31,"metric":"logloss","value":0.29}}. The operator reads them from the pod's log, so the
 * trainer pod needs no API credentials.
 */
public final class ProgressLine {

    public static final String PREFIX = "mlcycle-progress ";
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private ProgressLine() {
    }

    /** The last well-formed progress line of a log tail. */
    public static Optional<TrainingProgress> last(String log) {
        if (log == null) {
            return Optional.empty();
        }
        String[] lines = log.split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            int at = lines[i].indexOf(PREFIX);
            if (at < 0) {
                continue;
            }
            try {
                return Optional.of(JSON.readValue(lines[i].substring(at + PREFIX.length()).strip(),
                        TrainingProgress.class));
            } catch (com.fasterxml.jackson.core.JsonProcessingException malformed) {
                // a line cut by the tail, or not ours: look further back
            }
        }
        return Optional.empty();
    }

    /** For messages: {@code round 10/100, loss 0.31, logloss 0.29}. */
    public static String describe(TrainingProgress p) {
        StringBuilder text = new StringBuilder(Optional.ofNullable(p.getUnit()).orElse("step")).append(' ')
                .append(p.getStep());
        if (p.getSteps() != null) {
            text.append('/').append(p.getSteps());
        }
        if (p.getLoss() != null) {
            text.append(", loss ").append(String.format(java.util.Locale.ROOT, "%.4g", p.getLoss()));
        }
        if (p.getMetric() != null && p.getValue() != null) {
            text.append(", ").append(p.getMetric()).append(' ')
                    .append(String.format(java.util.Locale.ROOT, "%.4g", p.getValue()));
        }
        return text.toString();
    }
}
