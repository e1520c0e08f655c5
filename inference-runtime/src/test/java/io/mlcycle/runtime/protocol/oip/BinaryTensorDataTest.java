package io.mlcycle.runtime.protocol.oip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlcycle.runtime.InferenceException;
import io.mlcycle.runtime.tensor.Datatype;
import io.mlcycle.runtime.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The binary layout of the specification (gRPC raw contents, HTTP raw contents): little-endian, BOOL as one byte,
 * BYTES with 4-byte length prefixes.
 */
class BinaryTensorDataTest {

    private static final long[] TWO = {2};

    @Test
    void numbersAreLittleEndianWithoutPadding() {
        byte[] raw = BinaryTensorData.write(new Tensor("x", Datatype.INT32, TWO, new int[] {1, -2}));
        assertThat(raw).containsExactly(1, 0, 0, 0, 0xfe, 0xff, 0xff, 0xff);
        byte[] half = BinaryTensorData.write(new Tensor("h", Datatype.FP16, TWO, new float[] {1f, -2f}));
        assertThat(half).containsExactly(0x00, 0x3c, 0x00, 0xc0);
        byte[] bools = BinaryTensorData.write(new Tensor("b", Datatype.BOOL, TWO, new boolean[] {true, false}));
        assertThat(bools).containsExactly(1, 0);
    }

    @Test
    void bytesElementsCarryAFourByteLittleEndianLength() {
        byte[][] strings = {"hi".getBytes(StandardCharsets.UTF_8), new byte[0]};
        byte[] raw = BinaryTensorData.write(new Tensor("s", Datatype.BYTES, TWO, strings));
        assertThat(raw).containsExactly(2, 0, 0, 0, 'h', 'i', 0, 0, 0, 0);
        byte[][] back = (byte[][]) BinaryTensorData.read("s", Datatype.BYTES, TWO, ByteBuffer.wrap(raw), 2,
                "raw contents");
        assertThat(new String(back[0], StandardCharsets.UTF_8)).isEqualTo("hi");
        assertThat(back[1]).isEmpty();
    }

    @Test
    void everyDatatypeSurvivesTheRoundTrip() {
        for (Datatype type : Datatype.values()) {
            Tensor tensor = Tensor.zeros("x", type, new long[] {2, 3});
            Object back = BinaryTensorData.read("x", type, tensor.shape(),
                    ByteBuffer.wrap(BinaryTensorData.write(tensor)), 6, "raw contents");
            assertThat(back).isInstanceOf(type.storage());
            assertThat(new Tensor("x", type, tensor.shape(), back).size()).isEqualTo(6);
        }
        long[] big = {-1L, Long.MAX_VALUE};
        Object back = BinaryTensorData.read("u", Datatype.UINT64, TWO,
                ByteBuffer.wrap(BinaryTensorData.write(new Tensor("u", Datatype.UINT64, TWO, big))), 2, "raw contents");
        assertThat((long[]) back).containsExactly(-1L, Long.MAX_VALUE);
    }

    @Test
    void sizeMistakesNameTheInput() {
        assertThatThrownBy(() -> BinaryTensorData.read("x", Datatype.FP64, TWO, ByteBuffer.wrap(new byte[15]), 2,
                "raw contents"))
                .isInstanceOfSatisfying(InferenceException.class,
                        e -> assertThat(e.kind()).isEqualTo(InferenceException.Kind.BAD_REQUEST))
                .hasMessage("input 'x': shape [2] of FP64 needs 16 bytes of raw contents, got 15");
        assertThatThrownBy(() -> BinaryTensorData.read("s", Datatype.BYTES, new long[] {1},
                ByteBuffer.wrap(new byte[] {9, 0, 0, 0, 'a'}), 1, "raw contents"))
                .hasMessage("input 's': BYTES element 0 claims 9 bytes, only 1 are left in the raw contents");
        assertThatThrownBy(() -> BinaryTensorData.read("s", Datatype.BYTES, TWO,
                ByteBuffer.wrap(new byte[] {1, 0, 0, 0, 'a'}), 2, "raw contents"))
                .hasMessage("input 's': shape [2] needs 2 BYTES elements, but the raw contents hold only 5 bytes");
        assertThatThrownBy(() -> BinaryTensorData.read("s", Datatype.BYTES, TWO,
                ByteBuffer.wrap(new byte[] {2, 0, 0, 0, 'a', 'b', 'c', 'd'}), 2, "raw contents"))
                .hasMessage("input 's': shape [2] needs 2 BYTES elements, raw contents end after 1");
        // A few bytes claiming a huge shape are refused before anything is allocated for it.
        assertThatThrownBy(() -> BinaryTensorData.read("s", Datatype.BYTES, new long[] {Integer.MAX_VALUE},
                ByteBuffer.wrap(new byte[] {1, 0, 0, 0, 'a'}), Integer.MAX_VALUE, "raw contents"))
                .hasMessageContaining("needs 2147483647 BYTES elements, but the raw contents hold only 5 bytes");
        assertThatThrownBy(() -> BinaryTensorData.read("s", Datatype.BYTES, new long[] {1},
                ByteBuffer.wrap(new byte[] {1, 0, 0, 0, 'a', 'b'}), 1, "raw contents"))
                .hasMessage("input 's': raw contents hold 1 bytes more than the 1 BYTES elements of shape [1]");
    }
}
