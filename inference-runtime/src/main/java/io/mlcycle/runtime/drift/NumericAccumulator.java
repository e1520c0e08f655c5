package io.mlcycle.runtime.drift;

import io.mlcycle.runtime.tensor.Tensor;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/** A numeric feature's window: a KLL quantile sketch, the NaN count and, with reference edges, the bin counts. */
final class NumericAccumulator implements FeatureAccumulator {

    /** The quantiles shown to people; the sketch itself answers any other. */
    private static final double[] RANKS = {0.05, 0.25, 0.5, 0.75, 0.95};
    private static final String[] RANK_NAMES = {"p5", "p25", "p50", "p75", "p95"};

    private final int k;
    private final Optional<BinEdges> edges;
    private final KllDoublesSketch sketch;
    private final long[] binCounts;
    /** A batch's present values, handed to the sketch at once (its vector update is about a third faster). */
    private double[] batch = new double[0];
    private long missing;

    NumericAccumulator(int k, Optional<BinEdges> edges) {
        this.k = k;
        this.edges = edges;
        this.sketch = KllDoublesSketch.newHeapInstance(k);
        this.binCounts = edges.map(e -> new long[e.bins()]).orElse(null);
    }

    @Override
    public void add(Tensor tensor, int column, int width) {
        Object data = tensor.data();
        int size = tensor.size();
        int rows = size <= column ? 0 : (size - column + width - 1) / width;
        if (batch.length < rows) {
            batch = new double[rows];
        }
        int present = 0;
        // Fast paths for the common float types; the generic path widens any numeric type.
        if (data instanceof float[] floats) {
            for (int i = column; i < size; i += width) {
                present = keep(floats[i], present);
            }
        } else if (data instanceof double[] doubles) {
            for (int i = column; i < size; i += width) {
                present = keep(doubles[i], present);
            }
        } else {
            for (int i = column; i < size; i += width) {
                present = keep(tensor.doubleAt(i), present);
            }
        }
        if (present > 0) {
            sketch.update(batch, 0, present);
        }
    }

    /** Counts a value as missing or in its bin and keeps it for the sketch; returns the values kept so far. */
    private int keep(double value, int present) {
        if (Double.isNaN(value)) {
            missing++;
            return present;
        }
        if (binCounts != null) {
            binCounts[edges.get().binOf(value)]++;
        }
        batch[present] = value;
        return present + 1;
    }

    @Override
    public void mergeFrom(FeatureAccumulator other) {
        NumericAccumulator that = (NumericAccumulator) other;
        sketch.merge(that.sketch);
        missing += that.missing;
        if (binCounts != null) {
            for (int i = 0; i < binCounts.length; i++) {
                binCounts[i] += that.binCounts[i];
            }
        }
    }

    @Override
    public FeatureAccumulator emptyCopy() {
        return new NumericAccumulator(k, edges);
    }

    @Override
    public FeatureSummary summary(FeatureColumn column) {
        Double min = null;
        Double max = null;
        Map<String, Double> quantiles = null;
        if (!sketch.isEmpty()) {
            min = sketch.getMinItem();
            max = sketch.getMaxItem();
            double[] values = sketch.getQuantiles(RANKS, QuantileSearchCriteria.INCLUSIVE);
            quantiles = new LinkedHashMap<>();
            for (int i = 0; i < RANKS.length; i++) {
                quantiles.put(RANK_NAMES[i], values[i]);
            }
        }
        return new FeatureSummary(column.name(), column.source(), FeatureType.NUMERIC.json(), sketch.getN(), missing,
                min, max, quantiles, Base64.getEncoder().encodeToString(sketch.toByteArray()),
                edges.map(BinEdges::edges).orElse(null), binCounts == null ? null : binCounts.clone(), null, null);
    }
}
