package io.mlcycle.router.compare;

import java.util.List;
import java.util.Map;

/**
 * How many predictions of two answers to the same request agree. A prediction is one row (along the first dimension)
 * of every output; it agrees when every output's row does:
 * <ul>
 * <li>a row of several numbers (class probabilities, scores) when its largest is at the same place: the same class;</li>
 * <li>a row of one floating-point number when the two are within {@value #TOLERANCE} of each other (relative above
 *     1): the same value, as a regression or a probability is read;</li>
 * <li>anything else (integer class ids, labels as text, booleans) when equal.</li>
 * </ul>
 * Answers whose outputs differ in names or rows cannot be matched: every prediction of the stable answer then differs.
 */
public final class PredictionAgreement {

    static final double TOLERANCE = 0.01;

    private PredictionAgreement() {
    }

    /** Agreed and differing predictions of one request. */
    public record Count(long agreed, long differed) {
    }

    public static Count compare(OipAnswer stable, OipAnswer mirror) {
        Map<String, OipAnswer.Tensor> left = stable.outputs();
        Map<String, OipAnswer.Tensor> right = mirror.outputs();
        int rows = rows(stable);
        boolean matched = !left.isEmpty() && left.keySet().equals(right.keySet()) && left.entrySet().stream()
                .allMatch(e -> e.getValue().rows() == rows && right.get(e.getKey()).rows() == rows
                        && e.getValue().data().size() == right.get(e.getKey()).data().size());
        if (!matched) {
            return new Count(0, rows);
        }
        long agreed = 0;
        for (int row = 0; row < rows; row++) {
            int r = row;
            if (left.entrySet().stream().allMatch(e -> rowsAgree(e.getValue().row(r), right.get(e.getKey()).row(r),
                    e.getValue().floating()))) {
                agreed++;
            }
        }
        return new Count(agreed, rows - agreed);
    }

    /** The predictions in an answer: the most rows of any of its outputs. */
    public static int rows(OipAnswer answer) {
        return answer.outputs().values().stream().mapToInt(OipAnswer.Tensor::rows).max().orElse(0);
    }

    private static boolean rowsAgree(List<Object> a, List<Object> b, boolean floating) {
        if (a.size() > 1 && allNumbers(a) && allNumbers(b)) {
            return argmax(a) == argmax(b);
        }
        if (floating && a.size() == 1 && a.get(0) instanceof Double x && b.get(0) instanceof Double y) {
            return Math.abs(x - y) <= TOLERANCE * Math.max(1, Math.max(Math.abs(x), Math.abs(y)));
        }
        return a.equals(b);
    }

    private static boolean allNumbers(List<Object> row) {
        return row.stream().allMatch(Double.class::isInstance);
    }

    private static int argmax(List<Object> row) {
        int best = 0;
        for (int i = 1; i < row.size(); i++) {
            if ((Double) row.get(i) > (Double) row.get(best)) {
                best = i;
            }
        }
        return best;
    }
}
