package io.mlcycle.runtime.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Shape arithmetic with variable dimensions. */
class ShapesTest {

    @Test
    void countsElementsAndRefusesNegativeOrOverflowingShapes() {
        assertThat(Shapes.elementCount(new long[] {2, 3})).isEqualTo(6);
        assertThat(Shapes.elementCount(new long[] {})).isEqualTo(1);
        assertThat(Shapes.elementCount(new long[] {4, 0})).isZero();
        assertThatThrownBy(() -> Shapes.elementCount(new long[] {-1, 3})).hasMessageContaining("negative");
        assertThatThrownBy(() -> Shapes.elementCount(new long[] {Long.MAX_VALUE, 2}))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void matchesVariableDimensions() {
        assertThat(Shapes.matches(new long[] {-1, 4}, new long[] {7, 4})).isTrue();
        assertThat(Shapes.matches(new long[] {-1, 4}, new long[] {7, 3})).isFalse();
        assertThat(Shapes.matches(new long[] {-1, 4}, new long[] {4})).isFalse();
    }

    @Test
    void fillsTheOneVariableDimensionFromAnElementCount() {
        assertThat(Shapes.fill(new long[] {-1, 3}, 12)).containsExactly(4, 3);
        assertThat(Shapes.fill(new long[] {-1}, 5)).containsExactly(5);
        assertThat(Shapes.fill(new long[] {-1, 3}, 10)).isNull();
        assertThat(Shapes.fill(new long[] {-1, -1}, 4)).isNull();
        assertThat(Shapes.fill(new long[] {2, 2}, 4)).isNull();
    }
}
