package io.mlcycle.runtime.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tensor invariants and unsigned reads. */
class TensorTest {

    @Test
    void refusesDataThatDoesNotFitTheShapeOrDatatype() {
        assertThatThrownBy(() -> Tensor.of("x", new long[] {2, 2}, 1f, 2f, 3f))
                .hasMessage("tensor 'x': shape [2, 2] needs 4 values, data has 3");
        assertThatThrownBy(() -> new Tensor("x", Datatype.FP64, new long[] {1}, new float[] {1f}))
                .hasMessageContaining("FP64 data must be a double[]");
    }

    @Test
    void readsUnsignedValuesAsUnsigned() {
        Tensor bytes = new Tensor("u", Datatype.UINT8, new long[] {1}, new byte[] {(byte) 255});
        Tensor longs = new Tensor("u", Datatype.UINT64, new long[] {1}, new long[] {-1L});
        assertThat(bytes.doubleAt(0)).isEqualTo(255.0);
        assertThat(longs.doubleAt(0)).isEqualTo(0x1.0p64);
    }

    @Test
    void zerosFitASpecsMinimalShape() {
        TensorSpec spec = new TensorSpec("text", Datatype.BYTES, new long[] {-1, 2});
        Tensor zeros = Tensor.zeros(spec.name(), spec.datatype(), spec.minimalShape());
        assertThat(zeros.shape()).containsExactly(1, 2);
        assertThat(((byte[][]) zeros.data())[1]).isEmpty();
        assertThat(Datatype.parse("fp32")).contains(Datatype.FP32);
        assertThat(Datatype.parse("FP31")).isEmpty();
    }

    @Test
    void findsATensorByName() {
        Tensor a = Tensor.of("a", new long[] {1}, 1f);
        Tensor b = Tensor.of("b", new long[] {1}, 2f);
        assertThat(Tensor.named(List.of(a, b), "b")).containsSame(b);
        assertThat(Tensor.named(List.of(a, b), "c")).isEmpty();
    }
}
