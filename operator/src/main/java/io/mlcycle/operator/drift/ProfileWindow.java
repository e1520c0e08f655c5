package io.mlcycle.operator.drift;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One section of the runtime's {@code /profile} answers ({@code features} or {@code predictions}) merged across a
 * revision's pods: per numeric column the union of the pods' sketches, per categorical column the counts added
 * (the pods' {@code otherCount} as the category {@value #OTHER}), with the windows' requests and rows and how many
 * pods they came from.
 */
public final class ProfileWindow {

    /** The category standing for the values a pod counted only as {@code otherCount}. */
    public static final String OTHER = "(other)";

    private final String section;
    private final Map<String, List<KllDoublesSketch>> sketches = new TreeMap<>();
    private Map<String, NumericColumn> numeric;
    private final Map<String, Map<String, Long>> categorical = new TreeMap<>();
    private long requests;
    private long rows;
    private int pods;

    /** An empty window of {@code section}: {@code "features"} (inputs) or {@code "predictions"}. */
    public ProfileWindow(String section) {
        this.section = section;
    }

    /** Adds one pod's {@code /profile} answer. */
    public ProfileWindow add(JsonNode profile) {
        pods++;
        requests += profile.path("requests").asLong();
        rows += profile.path("rows").asLong();
        for (JsonNode column : profile.path(section)) {
            String name = column.path("name").asText();
            if ("categorical".equals(column.path("type").asText())) {
                Map<String, Long> counts = categorical.computeIfAbsent(name, n -> new LinkedHashMap<>());
                column.path("categories").fields().forEachRemaining(e -> counts.merge(e.getKey(), e.getValue().asLong(),
                        Long::sum));
                if (column.path("otherCount").asLong() > 0) {
                    counts.merge(OTHER, column.path("otherCount").asLong(), Long::sum);
                }
            } else if (column.hasNonNull("kll")) {
                KllDoublesSketch sketch = KllDoublesSketch.heapify(Memory.wrap(Base64.getDecoder().decode(
                        column.path("kll").asText())));
                sketches.computeIfAbsent(name, n -> new ArrayList<>()).add(sketch);
                numeric = null;
            }
        }
        return this;
    }

    /**
     * The numeric columns, by name: each the union of the pods' sketches, their retained items with their weights
     * side by side. A KLL merge would compact them again, and every compaction moves the tails' mass a little: here,
     * merging three pods' sketches more than doubled the spread of a heavy-tailed column's Wasserstein distance.
     */
    public Map<String, NumericColumn> numeric() {
        if (numeric == null) {
            Map<String, NumericColumn> columns = new TreeMap<>();
            sketches.forEach((name, list) -> columns.put(name, NumericColumn.of(list)));
            numeric = columns;
        }
        return numeric;
    }

    /** The added counts of the categorical columns, by name. */
    public Map<String, Map<String, Long>> categorical() {
        return categorical;
    }

    public long requests() {
        return requests;
    }

    public long rows() {
        return rows;
    }

    public int pods() {
        return pods;
    }

    /** A categorical column's counts as the tests read them. */
    static CategoryCounts counts(Map<String, Long> counts) {
        Map<String, Double> asDoubles = new TreeMap<>();
        counts.forEach((k, v) -> asDoubles.put(k, v.doubleValue()));
        return new CategoryCounts(asDoubles);
    }
}
