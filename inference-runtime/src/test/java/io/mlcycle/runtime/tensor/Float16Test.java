package io.mlcycle.runtime.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import org.junit.jupiter.api.Test;

/** Half-precision conversions used for FP16 tensors. */
class Float16Test {

    @Test
    void roundTripsValuesHalfPrecisionHoldsExactly() {
        for (float value : new float[] {0f, -0f, 1f, -2.5f, 65504f, 0.000061035156f, 5.9604645e-8f, 1025f, 1.5f}) {
            assertThat(Float16.toFloat(Float16.fromFloat(value))).isEqualTo(value);
        }
    }

    @Test
    void roundsToNearestAndSaturatesToInfinity() {
        assertThat(Float16.toFloat(Float16.fromFloat(0.1f))).isCloseTo(0.1f, offset(1e-4f));
        assertThat(Float16.toFloat(Float16.fromFloat(1e6f))).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(Float16.toFloat(Float16.fromFloat(Float.NaN))).isNaN();
        assertThat(Float16.fromFloat(1f)).isEqualTo((short) 0x3c00);
    }
}
