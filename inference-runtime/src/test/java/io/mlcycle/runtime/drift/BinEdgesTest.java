package io.mlcycle.runtime.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Bin edges as the reference profile defines them: closed below, outliers in the edge bins. */
class BinEdgesTest {

    private final BinEdges edges = new BinEdges(new double[] {0, 10, 20, 30});

    @Test
    void nEdgesMakeNMinusOneBinsEachClosedBelow() {
        assertThat(edges.bins()).isEqualTo(3);
        assertThat(edges.binOf(0)).isEqualTo(0);
        assertThat(edges.binOf(9.999)).isEqualTo(0);
        assertThat(edges.binOf(10)).isEqualTo(1);
        assertThat(edges.binOf(25)).isEqualTo(2);
    }

    @Test
    void valuesOutsideTheEdgesFallInTheFirstOrLastBin() {
        assertThat(edges.binOf(-1e9)).isEqualTo(0);
        assertThat(edges.binOf(Double.NEGATIVE_INFINITY)).isEqualTo(0);
        assertThat(edges.binOf(30)).as("the last edge belongs to the last bin").isEqualTo(2);
        assertThat(edges.binOf(1e9)).isEqualTo(2);
        assertThat(edges.binOf(Double.POSITIVE_INFINITY)).isEqualTo(2);
    }

    @Test
    void refusesFewerThanTwoOrUnsortedEdges() {
        assertThatThrownBy(() -> new BinEdges(new double[] {1})).hasMessageContaining("at least 2");
        assertThatThrownBy(() -> new BinEdges(new double[] {1, 1})).hasMessageContaining("strictly increasing");
    }
}
