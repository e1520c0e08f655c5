package io.mlcycle.runtime.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Packing fixed-width data: byte layout, round trips in both byte orders, and the buffer's position after each. */
class PackedElementsTest {

    @Test
    void packsLittleEndianAtTheDatatypesWidthAndLeavesThePositionAfterTheData() {
        ByteBuffer buffer = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        PackedElements.write(Datatype.INT32, new int[] {1, 256}, buffer);
        assertThat(buffer.position()).isEqualTo(8);
        PackedElements.write(Datatype.BOOL, new boolean[] {true, false}, buffer);
        PackedElements.write(Datatype.FP16, new float[] {1.0f}, buffer);
        assertThat(buffer.position()).isEqualTo(12);
        assertThat(buffer.array()).startsWith(1, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0x00, 0x3c);
    }

    @Test
    void everyFixedWidthDatatypeRoundTripsInBothByteOrders() {
        Object[] samples = {new boolean[] {true, false, true}, new byte[] {-1, 0, 7}, new short[] {-2, 300, 9},
            new int[] {-3, 70_000, 11}, new long[] {-4, 1L << 40, 13}, new float[] {-0.5f, 2.0f, 65504f},
            new float[] {-0.25f, 1e-20f, 3.5e30f}, new double[] {-1e-300, 2.5, 1e300}};
        Datatype[] types = {Datatype.BOOL, Datatype.UINT8, Datatype.INT16, Datatype.UINT32, Datatype.INT64,
            Datatype.FP16, Datatype.FP32, Datatype.FP64};
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            for (int t = 0; t < types.length; t++) {
                ByteBuffer buffer = ByteBuffer.allocate(3 * types[t].width()).order(order);
                PackedElements.write(types[t], samples[t], buffer);
                assertThat(buffer.hasRemaining()).as(types[t] + " fills its width").isFalse();
                buffer.flip();
                assertThat(PackedElements.read(types[t], buffer, 3)).as(types[t] + " " + order).isEqualTo(samples[t]);
                assertThat(buffer.hasRemaining()).isFalse();
            }
        }
    }
}
