package io.mlcycle.operator.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import java.util.stream.DoubleStream;

import org.apache.datasketches.kll.KllDoublesSketch;
import org.junit.jupiter.api.Test;

/** A column read from several pods' sketches at once, and the histogram shares a prediction check reads. */
class NumericColumnTest {

    private static KllDoublesSketch sketch(double... values) {
        KllDoublesSketch sketch = KllDoublesSketch.newHeapInstance(200);
        for (double value : values) {
            sketch.update(value);
        }
        return sketch;
    }

    @Test
    void theUnionOfSketchesThatKeptEveryValueIsTheExactColumnOfAllOfThem() {
        Random random = new Random(11);
        // Fewer values than k each, so no sketch compacted; ties within and across pods (whole numbers).
        double[] a = random.ints(150, 0, 40).asDoubleStream().toArray();
        double[] b = random.ints(120, 20, 60).asDoubleStream().toArray();
        double[] c = {7, 7, 7, 59.5};
        NumericColumn union = NumericColumn.of(List.of(sketch(a), sketch(), sketch(b), sketch(c)));
        NumericColumn exact = NumericColumn.of(DoubleStream.concat(DoubleStream.concat(DoubleStream.of(a),
                DoubleStream.of(b)), DoubleStream.of(c)).toArray());

        assertThat(union.count()).isEqualTo(274);
        assertThat(union.values()).containsExactly(exact.values());
        for (double x = -1; x <= 61; x += 0.5) {
            assertThat(union.atMost(x)).as("values at most " + x).isEqualTo(exact.atMost(x));
        }
        assertThat(union.std()).isCloseTo(exact.std(), within(1e-12));
    }

    @Test
    void theUnionOfCompactedSketchesWeighsEveryValueTheyStoodFor() {
        Random random = new Random(12);
        List<KllDoublesSketch> pods = List.of(sketch(random.doubles(5000).toArray()),
                sketch(random.doubles(3000).map(u -> 2 + u).toArray()));
        NumericColumn union = NumericColumn.of(pods);

        assertThat(union.count()).isEqualTo(8000);
        assertThat(union.min()).isEqualTo(pods.get(0).getMinItem());
        assertThat(union.max()).isEqualTo(pods.get(1).getMaxItem());
        // Nothing between the pods' ranges: exactly the first pod's values lie below 1.5.
        assertThat(union.cdf(1.5)).isEqualTo(5000.0 / 8000);
        assertThat(NumericColumn.of(List.of()).isEmpty()).isTrue();
    }

    @Test
    void sharesBelowEdgesEndWithTheWholeColumn() {
        NumericColumn column = NumericColumn.of(1, 2, 2, 3, 4);

        assertThat(column.sharesBelow(new double[] {2, 3.5})).containsExactly(0.2, 0.8, 1.0);
    }
}
