package io.mlcycle.runtime.tensor;

import java.util.Arrays;

/** Arithmetic on tensor shapes, where -1 marks a dimension of any size. */
public final class Shapes {

    private Shapes() {
    }

    /** Number of elements a concrete shape holds; throws on negative dimensions or overflow. */
    public static long elementCount(long[] shape) {
        long count = 1;
        for (long dim : shape) {
            if (dim < 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has a negative dimension");
            }
            count = Math.multiplyExact(count, dim);
        }
        return count;
    }

    /** Whether a concrete shape fits a pattern in which -1 matches any size. */
    public static boolean matches(long[] pattern, long[] shape) {
        if (pattern.length != shape.length) {
            return false;
        }
        for (int i = 0; i < pattern.length; i++) {
            if (pattern[i] != -1 && pattern[i] != shape[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The pattern with its single -1 dimension filled so that it holds {@code count} elements, or null when the
     * pattern has no or several -1 dimensions or the count does not divide.
     */
    public static long[] fill(long[] pattern, long count) {
        int unknown = -1;
        long known = 1;
        for (int i = 0; i < pattern.length; i++) {
            if (pattern[i] == -1) {
                if (unknown >= 0) {
                    return null;
                }
                unknown = i;
            } else {
                known *= pattern[i];
            }
        }
        if (unknown < 0 || known == 0 || count % known != 0) {
            return null;
        }
        long[] filled = pattern.clone();
        filled[unknown] = count / known;
        return filled;
    }

    /** A shape as OIP writes it, e.g. {@code [-1, 4]}. */
    public static String format(long[] shape) {
        return Arrays.toString(shape);
    }
}
