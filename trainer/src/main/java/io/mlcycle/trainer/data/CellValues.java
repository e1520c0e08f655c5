package io.mlcycle.trainer.data;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a CSV cell holds: missing (empty, {@code NA} or {@code NaN}), a number, or text. Numbers are decimal literals
 * only ({@code 3}, {@code -0.5}, {@code 1e-3}); {@code Infinity}, hexadecimal and values beyond float range are text,
 * since the served model takes FP32 and a profile cannot hold infinities.
 */
public final class CellValues {

    private static final Set<String> MISSING = Set.of("", "NA", "NaN");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private CellValues() {
    }

    public static boolean isMissing(String cell) {
        return MISSING.contains(cell);
    }

    public static boolean isNumber(String cell) {
        return DECIMAL.matcher(cell).matches() && Float.isFinite((float) Double.parseDouble(cell));
    }

    /** The cell as a number, NaN when missing; only for cells of numeric columns. */
    public static double number(String cell) {
        return isMissing(cell) ? Double.NaN : Double.parseDouble(cell);
    }

    /**
     * A number as the runtime's drift profile names it when a numeric column is marked categorical: integral values
     * without a fraction ({@code 2.0} → {@code "2"}), others as Java prints a double.
     */
    public static String canonical(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Double.toString(value);
    }
}
