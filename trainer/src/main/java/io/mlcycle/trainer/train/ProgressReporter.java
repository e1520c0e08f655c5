package io.mlcycle.trainer.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Prints training progress as the operator reads it from the pod's log: one line per report, exactly
 * {@code mlcycle-progress {"step":10,"steps":100,"unit":"round","loss":0.31,"metric":"logloss","value":0.29}} (the
 * training loss, and the validation metric's value), about 20 per run and always the last step. The operator keeps
 * the last such line, so the prefix and the field names are a contract.
 */
public final class ProgressReporter {

    public static final String PREFIX = "mlcycle-progress ";
    /** About this many lines per run, whatever the number of steps. */
    static final int LINES = 20;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MathContext SIX_DIGITS = new MathContext(6);

    private final PrintStream out;

    public ProgressReporter(PrintStream out) {
        this.out = out;
    }

    /** Whether step {@code step} (1-based) of {@code steps} is reported: every ceil(steps/20)th and the last. */
    public static boolean reports(int step, int steps) {
        int every = (steps + LINES - 1) / LINES;
        return step == steps || step % every == 0;
    }

    public void report(int step, int steps, String unit, double loss, String metric, double value) {
        ObjectNode line = JSON.createObjectNode();
        line.put("step", step);
        line.put("steps", steps);
        line.put("unit", unit);
        number(line, "loss", loss);
        line.put("metric", metric);
        number(line, "value", value);
        out.println(PREFIX + line);
        out.flush();
    }

    private static void number(ObjectNode line, String field, double value) {
        if (Double.isFinite(value)) {
            line.put(field, new BigDecimal(value).round(SIX_DIGITS).stripTrailingZeros().doubleValue());
        } else {
            // JSON has no NaN; a diverged MLP reports null rather than a line the operator cannot parse.
            line.putNull(field);
        }
    }
}
