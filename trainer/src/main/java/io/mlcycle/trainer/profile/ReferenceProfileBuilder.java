package io.mlcycle.trainer.profile;

import io.mlcycle.trainer.data.ColumnType;
import io.mlcycle.trainer.data.EncodedDataset;
import io.mlcycle.trainer.data.Feature;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Builds the reference profile of the training rows. Categorical features count rows by code, keyed as the runtime's
 * drift profile names a numeric input marked categorical ({@code "0"}, {@code "1"}, …), in code order; a feature with
 * more than 1000 categories keeps the 1000 most frequent (ModelVersion's limit), the others being counted live as
 * {@code otherCount}.
 */
public final class ReferenceProfileBuilder {

    private ReferenceProfileBuilder() {
    }

    public static ReferenceProfile of(EncodedDataset training) {
        // Features are profiled in parallel: sorting each numeric column is most of the work (about 0.1 s per
        // million rows), and features are independent.
        List<FeatureProfile> features = IntStream.range(0, Math.min(training.width(), ReferenceProfile.MAX_FEATURES))
                .parallel().mapToObj(f -> profile(training, f)).toList();
        return new ReferenceProfile(training.rows(), features);
    }

    private static FeatureProfile profile(EncodedDataset training, int f) {
        Feature feature = training.features().get(f);
        float[] values = training.column(f);
        return feature.type() == ColumnType.NUMERIC ? NumericBins.of(feature.name(), values)
                : FeatureProfile.categorical(feature.name(), frequencies(values, feature.categories().size()));
    }

    static Map<String, Long> frequencies(float[] codes, int categories) {
        long[] counts = new long[categories];
        for (float code : codes) {
            if (!Float.isNaN(code)) {
                counts[(int) code]++;
            }
        }
        List<Integer> kept = new ArrayList<>();
        for (int c = 0; c < categories; c++) {
            if (counts[c] > 0) {
                kept.add(c);
            }
        }
        if (kept.size() > ReferenceProfile.MAX_FREQUENCIES) {
            kept.sort(Comparator.<Integer>comparingLong(c -> counts[c]).reversed().thenComparing(c -> c));
            kept = new ArrayList<>(kept.subList(0, ReferenceProfile.MAX_FREQUENCIES));
            kept.sort(Comparator.naturalOrder());
        }
        Map<String, Long> frequencies = new LinkedHashMap<>();
        for (int c : kept) {
            frequencies.put(Integer.toString(c), counts[c]);
        }
        return frequencies;
    }
}
