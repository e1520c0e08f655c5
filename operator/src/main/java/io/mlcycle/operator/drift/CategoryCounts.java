package io.mlcycle.operator.drift;

import java.util.Map;
import java.util.TreeMap;

/** One categorical column's counts by category (missing values left out); numbers as categories are named by value. */
public record CategoryCounts(Map<String, Double> counts) {

    public CategoryCounts {
        counts = Map.copyOf(counts);
    }

    /** Counts of these values, one each. */
    public static CategoryCounts of(String... values) {
        Map<String, Double> counts = new TreeMap<>();
        for (String value : values) {
            if (value != null) {
                counts.merge(value, 1.0, Double::sum);
            }
        }
        return new CategoryCounts(counts);
    }

    /** A numeric column with few values read as categories, each value its own (as Evidently counts values). */
    static CategoryCounts of(NumericColumn column) {
        Map<String, Double> counts = new TreeMap<>();
        double[] values = column.values();
        for (int i = 0; i < values.length; i++) {
            counts.put(Double.toString(values[i]), column.weight(i));
        }
        return new CategoryCounts(counts);
    }

    public double count() {
        return counts.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    double countOf(String category) {
        return counts.getOrDefault(category, 0.0);
    }
}
