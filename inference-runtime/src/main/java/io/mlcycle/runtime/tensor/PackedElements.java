package io.mlcycle.runtime.tensor;

import java.nio.ByteBuffer;

/**
 * Fixed-width tensor data packed into bytes and back, in the buffer's byte order: BOOL one byte (0 or 1), FP16 as
 * IEEE half floats, the rest at their natural width. The gRPC raw contents (little-endian) and DJL's native arrays
 * (native order) both use it; BYTES, with its length prefixes, is each caller's own.
 */
public final class PackedElements {

    private PackedElements() {
    }

    /** Writes {@code data} (the array {@code type} stores) at the buffer's position, advancing it. */
    public static void write(Datatype type, Object data, ByteBuffer buffer) {
        switch (type) {
            case BOOL -> {
                for (boolean value : (boolean[]) data) {
                    buffer.put((byte) (value ? 1 : 0));
                }
            }
            case UINT8, INT8 -> buffer.put((byte[]) data);
            case UINT16, INT16 -> advance(buffer, buffer.asShortBuffer().put((short[]) data).position() * 2);
            case UINT32, INT32 -> advance(buffer, buffer.asIntBuffer().put((int[]) data).position() * 4);
            case UINT64, INT64 -> advance(buffer, buffer.asLongBuffer().put((long[]) data).position() * 8);
            case FP16 -> {
                for (float value : (float[]) data) {
                    buffer.putShort(Float16.fromFloat(value));
                }
            }
            case FP32 -> advance(buffer, buffer.asFloatBuffer().put((float[]) data).position() * 4);
            case FP64 -> advance(buffer, buffer.asDoubleBuffer().put((double[]) data).position() * 8);
            case BYTES -> throw new IllegalArgumentException("BYTES elements are not fixed-width");
        }
    }

    /** Reads {@code count} elements from the buffer's position into the array {@code type} stores, advancing it. */
    public static Object read(Datatype type, ByteBuffer buffer, int count) {
        return switch (type) {
            case BOOL -> {
                boolean[] values = new boolean[count];
                for (int i = 0; i < count; i++) {
                    values[i] = buffer.get() != 0;
                }
                yield values;
            }
            case UINT8, INT8 -> {
                byte[] values = new byte[count];
                buffer.get(values);
                yield values;
            }
            case UINT16, INT16 -> {
                short[] values = new short[count];
                buffer.asShortBuffer().get(values);
                yield advanced(buffer, values, count * 2);
            }
            case UINT32, INT32 -> {
                int[] values = new int[count];
                buffer.asIntBuffer().get(values);
                yield advanced(buffer, values, count * 4);
            }
            case UINT64, INT64 -> {
                long[] values = new long[count];
                buffer.asLongBuffer().get(values);
                yield advanced(buffer, values, count * 8);
            }
            case FP16 -> {
                float[] values = new float[count];
                for (int i = 0; i < count; i++) {
                    values[i] = Float16.toFloat(buffer.getShort());
                }
                yield values;
            }
            case FP32 -> {
                float[] values = new float[count];
                buffer.asFloatBuffer().get(values);
                yield advanced(buffer, values, count * 4);
            }
            case FP64 -> {
                double[] values = new double[count];
                buffer.asDoubleBuffer().get(values);
                yield advanced(buffer, values, count * 8);
            }
            case BYTES -> throw new IllegalArgumentException("BYTES elements are not fixed-width");
        };
    }

    // A view buffer (asIntBuffer etc.) has a position of its own: move the byte buffer past what the view touched,
    // so that every case leaves the buffer where the relative put/get cases do.
    private static void advance(ByteBuffer buffer, int bytes) {
        buffer.position(buffer.position() + bytes);
    }

    private static Object advanced(ByteBuffer buffer, Object values, int bytes) {
        advance(buffer, bytes);
        return values;
    }
}
