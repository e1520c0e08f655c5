package io.mlcycle.trainer.data;

import io.mlcycle.trainer.ExitCode;
import io.mlcycle.trainer.TrainerFailure;
import java.util.Arrays;
import java.util.Random;

/**
 * Splits row indices into training and validation rows by a seeded shuffle: a Fisher-Yates shuffle driven by
 * {@link Random} (whose sequence the Java specification fixes), so a seed gives the same split on every JVM. The
 * validation part is {@code round(rows * fraction)} rows, at least one, leaving at least one to train on; each part
 * keeps the dataset's row order.
 */
public final class ShuffleSplit {

    /** Row indices of each part, ascending. */
    public record Split(int[] training, int[] validation) {
    }

    private ShuffleSplit() {
    }

    public static Split of(int rows, double validationFraction, long seed) {
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be between 0 and 1, got "
                    + validationFraction);
        }
        if (rows < 2) {
            throw new TrainerFailure(ExitCode.INVALID_DATASET, "the dataset has " + rows + " usable row"
                    + (rows == 1 ? "" : "s") + "; splitting into training and validation rows needs at least 2");
        }
        int[] order = new int[rows];
        Arrays.setAll(order, i -> i);
        Random random = new Random(seed);
        for (int i = rows - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        int validation = (int) Math.max(1, Math.min(rows - 1, Math.round(rows * validationFraction)));
        int[] validationRows = Arrays.copyOfRange(order, 0, validation);
        int[] trainingRows = Arrays.copyOfRange(order, validation, rows);
        Arrays.sort(validationRows);
        Arrays.sort(trainingRows);
        return new Split(trainingRows, validationRows);
    }
}
