package io.mlcycle.runtime.drift;

import io.mlcycle.runtime.tensor.Datatype;
import io.mlcycle.runtime.tensor.Tensor;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A categorical feature's window: exact counts for the reference's categories and for the first
 * {@code maxCategories} others seen, one {@code otherCount} for the rest, so memory stays bounded whatever clients
 * send. Numeric columns marked categorical use the number as the category ({@code 2.0} → {@code "2"}).
 */
final class CategoricalAccumulator implements FeatureAccumulator {

    /** Longest category kept; longer strings are cut, so a client cannot grow the profile with huge values. */
    static final int MAX_CATEGORY_LENGTH = 128;

    private final int maxCategories;
    private final Set<String> known;
    private final Map<String, long[]> counts = new HashMap<>();
    private long unknownCategories;
    private long other;
    private long missing;

    CategoricalAccumulator(int maxCategories, Set<String> known) {
        this.maxCategories = maxCategories;
        this.known = Set.copyOf(known);
    }

    @Override
    public void add(Tensor tensor, int column, int width) {
        int size = tensor.size();
        if (tensor.datatype() == Datatype.BYTES) {
            byte[][] strings = (byte[][]) tensor.data();
            for (int i = column; i < size; i += width) {
                int length = Math.min(strings[i].length, MAX_CATEGORY_LENGTH);
                add(new String(strings[i], 0, length, StandardCharsets.UTF_8), 1);
            }
            return;
        }
        for (int i = column; i < size; i += width) {
            double value = tensor.doubleAt(i);
            if (Double.isNaN(value)) {
                missing++;
            } else {
                add(value == Math.rint(value) && Math.abs(value) < 1e15
                        ? Long.toString((long) value) : Double.toString(value), 1);
            }
        }
    }

    /** Counts one value of this category. */
    void count(String category) {
        add(category, 1);
    }

    /** Counts one missing value. */
    void countMissing() {
        missing++;
    }

    private void add(String category, long count) {
        long[] slot = counts.get(category);
        if (slot == null) {
            boolean isKnown = known.contains(category);
            if (!isKnown && unknownCategories >= maxCategories) {
                other += count;
                return;
            }
            slot = new long[1];
            counts.put(category, slot);
            if (!isKnown) {
                unknownCategories++;
            }
        }
        slot[0] += count;
    }

    @Override
    public void mergeFrom(FeatureAccumulator accumulator) {
        CategoricalAccumulator that = (CategoricalAccumulator) accumulator;
        that.counts.forEach((category, count) -> add(category, count[0]));
        other += that.other;
        missing += that.missing;
    }

    @Override
    public FeatureAccumulator emptyCopy() {
        return new CategoricalAccumulator(maxCategories, known);
    }

    @Override
    public FeatureSummary summary(FeatureColumn column) {
        Map<String, Long> sorted = new TreeMap<>();
        long total = other;
        for (Map.Entry<String, long[]> entry : counts.entrySet()) {
            sorted.put(entry.getKey(), entry.getValue()[0]);
            total += entry.getValue()[0];
        }
        return new FeatureSummary(column.name(), column.source(), FeatureType.CATEGORICAL.json(), total, missing, null,
                null, null, null, null, null, sorted, other);
    }
}
