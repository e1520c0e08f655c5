package io.mlcycle.runtime.protocol.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.mlcycle.runtime.InferenceException;
import io.mlcycle.runtime.tensor.Datatype;
import io.mlcycle.runtime.tensor.Float16;
import io.mlcycle.runtime.tensor.Shapes;
import io.mlcycle.runtime.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Tensor data as the protocol's {@code raw_input_contents} / {@code raw_output_contents}: flat, row-major,
 * little-endian, no padding; BOOL one byte each, FP16 as IEEE half floats, and each BYTES element as a 4-byte
 * little-endian length followed by its bytes.
 */
final class RawContents {

    private RawContents() {
    }

    /** The elements of one input's raw bytes as the array its datatype uses; every size problem names the input. */
    static Object read(String input, Datatype type, long[] shape, ByteString raw, int count) {
        ByteBuffer buffer = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        if (type == Datatype.BYTES) {
            return readStrings(input, shape, buffer, count);
        }
        long expected = (long) count * width(type);
        if (raw.size() != expected) {
            throw InferenceException.badRequest("input '" + input + "': shape " + Shapes.format(shape) + " of " + type
                    + " needs " + expected + " bytes of raw contents, got " + raw.size());
        }
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
                yield values;
            }
            case UINT32, INT32 -> {
                int[] values = new int[count];
                buffer.asIntBuffer().get(values);
                yield values;
            }
            case UINT64, INT64 -> {
                long[] values = new long[count];
                buffer.asLongBuffer().get(values);
                yield values;
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
                yield values;
            }
            case FP64 -> {
                double[] values = new double[count];
                buffer.asDoubleBuffer().get(values);
                yield values;
            }
            case BYTES -> throw new IllegalStateException("BYTES is read above");
        };
    }

    private static byte[][] readStrings(String input, long[] shape, ByteBuffer buffer, int count) {
        // Each element needs at least its 4-byte length: check before allocating, so a tiny request with a huge
        // shape cannot make the server allocate gigabytes.
        if (4L * count > buffer.remaining()) {
            throw InferenceException.badRequest("input '" + input + "': shape " + Shapes.format(shape) + " needs "
                    + count + " BYTES elements, but the raw contents hold only " + buffer.remaining() + " bytes");
        }
        byte[][] values = new byte[count][];
        for (int i = 0; i < count; i++) {
            if (buffer.remaining() < 4) {
                throw InferenceException.badRequest("input '" + input + "': shape " + Shapes.format(shape) + " needs "
                        + count + " BYTES elements, raw contents end after " + i);
            }
            long length = Integer.toUnsignedLong(buffer.getInt());
            if (length > buffer.remaining()) {
                throw InferenceException.badRequest("input '" + input + "': BYTES element " + i + " claims " + length
                        + " bytes, only " + buffer.remaining() + " are left in the raw contents");
            }
            values[i] = new byte[(int) length];
            buffer.get(values[i]);
        }
        if (buffer.hasRemaining()) {
            throw InferenceException.badRequest("input '" + input + "': raw contents hold " + buffer.remaining()
                    + " bytes more than the " + count + " BYTES elements of shape " + Shapes.format(shape));
        }
        return values;
    }

    /** One tensor's data as raw bytes (wrapping a fresh array, not copying it again). */
    static ByteString write(Tensor tensor) {
        Object data = tensor.data();
        if (tensor.datatype() == Datatype.BYTES) {
            byte[][] values = (byte[][]) data;
            int size = 0;
            for (byte[] value : values) {
                size = Math.addExact(size, 4 + value.length);
            }
            ByteBuffer buffer = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
            for (byte[] value : values) {
                buffer.putInt(value.length).put(value);
            }
            return UnsafeByteOperations.unsafeWrap(buffer.array());
        }
        ByteBuffer buffer = ByteBuffer.allocate(Math.multiplyExact(tensor.size(), width(tensor.datatype())))
                .order(ByteOrder.LITTLE_ENDIAN);
        switch (tensor.datatype()) {
            case BOOL -> {
                for (boolean value : (boolean[]) data) {
                    buffer.put((byte) (value ? 1 : 0));
                }
            }
            case UINT8, INT8 -> buffer.put((byte[]) data);
            case UINT16, INT16 -> buffer.asShortBuffer().put((short[]) data);
            case UINT32, INT32 -> buffer.asIntBuffer().put((int[]) data);
            case UINT64, INT64 -> buffer.asLongBuffer().put((long[]) data);
            case FP16 -> {
                for (float value : (float[]) data) {
                    buffer.putShort(Float16.fromFloat(value));
                }
            }
            case FP32 -> buffer.asFloatBuffer().put((float[]) data);
            case FP64 -> buffer.asDoubleBuffer().put((double[]) data);
            case BYTES -> throw new IllegalStateException("BYTES is written above");
        }
        return UnsafeByteOperations.unsafeWrap(buffer.array());
    }

    /** Bytes per element of a fixed-width datatype. */
    private static int width(Datatype type) {
        return switch (type) {
            case BOOL, UINT8, INT8 -> 1;
            case UINT16, INT16, FP16 -> 2;
            case UINT32, INT32, FP32 -> 4;
            case UINT64, INT64, FP64 -> 8;
            case BYTES -> throw new IllegalArgumentException("BYTES has no fixed width");
        };
    }
}
