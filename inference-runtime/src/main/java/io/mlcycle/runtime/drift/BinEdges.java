package io.mlcycle.runtime.drift;

import java.util.Arrays;

/**
 * Increasing bin edges as ModelVersion.spec.referenceProfile gives them: n edges make n-1 bins, bin i holding
 * [edge i, edge i+1); the last bin also holds its upper edge; values below the first edge count in the first bin
 * and values above the last edge in the last, so every non-missing value lands in exactly one bin.
 */
public final class BinEdges {

    private final double[] edges;

    public BinEdges(double[] edges) {
        if (edges.length < 2) {
            throw new IllegalArgumentException("binEdges needs at least 2 edges, got " + edges.length);
        }
        for (int i = 1; i < edges.length; i++) {
            if (!(edges[i] > edges[i - 1])) {
                throw new IllegalArgumentException("binEdges must be strictly increasing: " + Arrays.toString(edges));
            }
        }
        this.edges = edges.clone();
    }

    public int bins() {
        return edges.length - 1;
    }

    public double[] edges() {
        return edges.clone();
    }

    /** The bin a (non-NaN) value falls in. */
    public int binOf(double value) {
        int found = Arrays.binarySearch(edges, value);
        // An exact edge starts its bin; otherwise the insertion point is the first edge above the value.
        int bin = found >= 0 ? found : -found - 2;
        return Math.max(0, Math.min(bin, edges.length - 2));
    }
}
