package io.mlcycle.operator.drift;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A reference profile's columns as the tests read them: a numeric feature from its {@code quantiles} (the trainer's
 * training values at evenly spaced ranks, exact for small references), or, in a profile without them, from its bins
 * (each bin's count spread evenly over it, an approximation that reads a long tail as drift: for such a feature
 * {@code auto} is PSI over the reference's own bins, see {@link #bins}); a categorical feature from its
 * {@code frequencies}.
 */
public final class ReferenceColumns {

    /** Points a bin's count is spread over when a profile has no quantiles. */
    static final int POINTS_PER_BIN = 16;

    private final Map<String, NumericColumn> numeric = new LinkedHashMap<>();
    private final Map<String, CategoryCounts> categorical = new LinkedHashMap<>();
    private final Map<String, Bins> binsOnly = new LinkedHashMap<>();

    /** A numeric feature's bins: increasing edges and one count per bin. */
    public record Bins(double[] edges, double[] counts) {
    }

    private ReferenceColumns() {
    }

    /** The columns of a profile JSON ({@code {"features": [...]}}, ModelVersion.spec.referenceProfile's schema). */
    public static ReferenceColumns of(JsonNode profile) {
        ReferenceColumns columns = new ReferenceColumns();
        for (JsonNode feature : profile.path("features")) {
            String name = feature.path("name").asText();
            if ("categorical".equals(feature.path("type").asText())) {
                Map<String, Double> counts = new LinkedHashMap<>();
                feature.path("frequencies").fields().forEachRemaining(e -> counts.put(e.getKey(),
                        e.getValue().asDouble()));
                columns.categorical.put(name, new CategoryCounts(counts));
            } else {
                numeric(feature).ifPresent(column -> columns.numeric.put(name, column));
                JsonNode edges = feature.path("binEdges");
                JsonNode counts = feature.path("binCounts");
                if (!feature.path("quantiles").isArray() && edges.size() >= 2 && counts.size() == edges.size() - 1
                        && columns.numeric.containsKey(name)) {
                    double[] e = new double[edges.size()];
                    double[] c = new double[counts.size()];
                    for (int i = 0; i < e.length; i++) {
                        e[i] = edges.get(i).asDouble();
                    }
                    for (int i = 0; i < c.length; i++) {
                        c[i] = counts.get(i).asDouble();
                    }
                    columns.binsOnly.put(name, new Bins(e, c));
                }
            }
        }
        return columns;
    }

    private static Optional<NumericColumn> numeric(JsonNode feature) {
        double count = 0;
        for (JsonNode c : feature.path("binCounts")) {
            count += c.asDouble();
        }
        JsonNode quantiles = feature.path("quantiles");
        if (quantiles.isArray() && !quantiles.isEmpty()) {
            double[] values = new double[quantiles.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = quantiles.get(i).asDouble();
            }
            return Optional.of(NumericColumn.ofQuantiles(values, count > 0 ? count : values.length));
        }
        JsonNode edges = feature.path("binEdges");
        JsonNode counts = feature.path("binCounts");
        if (!edges.isArray() || edges.size() < 2 || counts.size() != edges.size() - 1 || count <= 0) {
            return Optional.empty();
        }
        double[] points = new double[counts.size() * POINTS_PER_BIN];
        double[] weights = new double[points.length];
        for (int b = 0; b < counts.size(); b++) {
            double low = edges.get(b).asDouble();
            double high = edges.get(b + 1).asDouble();
            for (int p = 0; p < POINTS_PER_BIN; p++) {
                points[b * POINTS_PER_BIN + p] = low + (high - low) * (p + 0.5) / POINTS_PER_BIN;
                weights[b * POINTS_PER_BIN + p] = counts.get(b).asDouble() / POINTS_PER_BIN;
            }
        }
        return Optional.of(NumericColumn.weighted(points, weights));
    }

    public Optional<NumericColumn> numeric(String name) {
        return Optional.ofNullable(numeric.get(name));
    }

    /** The bins of a numeric feature the profile gives no quantiles for; empty when it has them. */
    public Optional<Bins> bins(String name) {
        return Optional.ofNullable(binsOnly.get(name));
    }

    public Optional<CategoryCounts> categorical(String name) {
        return Optional.ofNullable(categorical.get(name));
    }

    /** Every feature's name, numeric and categorical, in the profile's order within each kind. */
    public Iterable<String> names() {
        List<String> names = new ArrayList<>(numeric.keySet());
        names.addAll(categorical.keySet());
        return names;
    }
}
