package io.mlcycle.runtime.protocol.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.mlcycle.runtime.InferenceException;
import io.mlcycle.runtime.tensor.Datatype;
import io.mlcycle.runtime.tensor.Tensor;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The raw byte layout of the specification: little-endian, BOOL as one byte, BYTES with 4-byte length prefixes. */
class RawContentsTest {

    private static final long[] TWO = {2};

    @Test
    void numbersAreLittleEndianWithoutPadding() {
        ByteString raw = RawContents.write(new Tensor("x", Datatype.INT32, TWO, new int[] {1, -2}));
        assertThat(raw.toByteArray()).containsExactly(1, 0, 0, 0, 0xfe, 0xff, 0xff, 0xff);
        ByteString half = RawContents.write(new Tensor("h", Datatype.FP16, TWO, new float[] {1f, -2f}));
        assertThat(half.toByteArray()).containsExactly(0x00, 0x3c, 0x00, 0xc0);
        ByteString bools = RawContents.write(new Tensor("b", Datatype.BOOL, TWO, new boolean[] {true, false}));
        assertThat(bools.toByteArray()).containsExactly(1, 0);
    }

    @Test
    void bytesElementsCarryAFourByteLittleEndianLength() {
        byte[][] strings = {"hi".getBytes(StandardCharsets.UTF_8), new byte[0]};
        ByteString raw = RawContents.write(new Tensor("s", Datatype.BYTES, TWO, strings));
        assertThat(raw.toByteArray()).containsExactly(2, 0, 0, 0, 'h', 'i', 0, 0, 0, 0);
        byte[][] back = (byte[][]) RawContents.read("s", Datatype.BYTES, TWO, raw, 2);
        assertThat(new String(back[0], StandardCharsets.UTF_8)).isEqualTo("hi");
        assertThat(back[1]).isEmpty();
    }

    @Test
    void everyDatatypeSurvivesTheRoundTrip() {
        for (Datatype type : Datatype.values()) {
            Tensor tensor = Tensor.zeros("x", type, new long[] {2, 3});
            Object back = RawContents.read("x", type, tensor.shape(), RawContents.write(tensor), 6);
            assertThat(back).isInstanceOf(type.storage());
            assertThat(new Tensor("x", type, tensor.shape(), back).size()).isEqualTo(6);
        }
        long[] big = {-1L, Long.MAX_VALUE};
        Object back = RawContents.read("u", Datatype.UINT64, TWO,
                RawContents.write(new Tensor("u", Datatype.UINT64, TWO, big)), 2);
        assertThat((long[]) back).containsExactly(-1L, Long.MAX_VALUE);
    }

    @Test
    void sizeMistakesNameTheInput() {
        assertThatThrownBy(() -> RawContents.read("x", Datatype.FP64, TWO, ByteString.copyFrom(new byte[15]), 2))
                .isInstanceOfSatisfying(InferenceException.class,
                        e -> assertThat(e.kind()).isEqualTo(InferenceException.Kind.BAD_REQUEST))
                .hasMessage("input 'x': shape [2] of FP64 needs 16 bytes of raw contents, got 15");
        assertThatThrownBy(() -> RawContents.read("s", Datatype.BYTES, new long[] {1},
                ByteString.copyFrom(new byte[] {9, 0, 0, 0, 'a'}), 1))
                .hasMessage("input 's': BYTES element 0 claims 9 bytes, only 1 are left in the raw contents");
        assertThatThrownBy(() -> RawContents.read("s", Datatype.BYTES, TWO,
                ByteString.copyFrom(new byte[] {1, 0, 0, 0, 'a'}), 2))
                .hasMessage("input 's': shape [2] needs 2 BYTES elements, but the raw contents hold only 5 bytes");
        assertThatThrownBy(() -> RawContents.read("s", Datatype.BYTES, TWO,
                ByteString.copyFrom(new byte[] {2, 0, 0, 0, 'a', 'b', 'c', 'd'}), 2))
                .hasMessage("input 's': shape [2] needs 2 BYTES elements, raw contents end after 1");
        // A few bytes claiming a huge shape are refused before anything is allocated for it.
        assertThatThrownBy(() -> RawContents.read("s", Datatype.BYTES, new long[] {Integer.MAX_VALUE},
                ByteString.copyFrom(new byte[] {1, 0, 0, 0, 'a'}), Integer.MAX_VALUE))
                .hasMessageContaining("needs 2147483647 BYTES elements, but the raw contents hold only 5 bytes");
        assertThatThrownBy(() -> RawContents.read("s", Datatype.BYTES, new long[] {1},
                ByteString.copyFrom(new byte[] {1, 0, 0, 0, 'a', 'b'}), 1))
                .hasMessage("input 's': raw contents hold 1 bytes more than the 1 BYTES elements of shape [1]");
    }
}
