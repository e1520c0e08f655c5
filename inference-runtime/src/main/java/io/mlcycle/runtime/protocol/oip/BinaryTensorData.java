package io.mlcycle.runtime.protocol.oip;

import io.mlcycle.runtime.InferenceException;
import io.mlcycle.runtime.tensor.Datatype;
import io.mlcycle.runtime.tensor.PackedElements;
import io.mlcycle.runtime.tensor.Shapes;
import io.mlcycle.runtime.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Tensor data in the protocol's binary form, as gRPC's {@code raw_input_contents} / {@code raw_output_contents}
 * and the HTTP binary tensor data extension carry it: flat, row-major, little-endian, no padding; BOOL one byte
 * each, FP16 as IEEE half floats, and each BYTES element as a 4-byte little-endian length followed by its bytes.
 */
public final class BinaryTensorData {

    private BinaryTensorData() {
    }

    /**
     * The elements of one input's bytes (all that {@code raw} has left) as the array its datatype uses; every size
     * problem names the input and what carried the bytes ({@code carrier}: "raw contents", "binary data").
     */
    public static Object read(String input, Datatype type, long[] shape, ByteBuffer raw, int count, String carrier) {
        ByteBuffer buffer = raw.slice().order(ByteOrder.LITTLE_ENDIAN);
        if (type == Datatype.BYTES) {
            return readStrings(input, shape, buffer, count, carrier);
        }
        long expected = (long) count * type.width();
        if (buffer.remaining() != expected) {
            throw InferenceException.badRequest("input '" + input + "': shape " + Shapes.format(shape) + " of " + type
                    + " needs " + expected + " bytes of " + carrier + ", got " + buffer.remaining());
        }
        return PackedElements.read(type, buffer, count);
    }

    private static byte[][] readStrings(String input, long[] shape, ByteBuffer buffer, int count, String carrier) {
        // Each element needs at least its 4-byte length: check before allocating, so a tiny request with a huge
        // shape cannot make the server allocate gigabytes.
        if (4L * count > buffer.remaining()) {
            throw InferenceException.badRequest("input '" + input + "': shape " + Shapes.format(shape) + " needs "
                    + count + " BYTES elements, but the " + carrier + " hold only " + buffer.remaining() + " bytes");
        }
        byte[][] values = new byte[count][];
        for (int i = 0; i < count; i++) {
            if (buffer.remaining() < 4) {
                throw InferenceException.badRequest("input '" + input + "': shape " + Shapes.format(shape) + " needs "
                        + count + " BYTES elements, " + carrier + " end after " + i);
            }
            long length = Integer.toUnsignedLong(buffer.getInt());
            if (length > buffer.remaining()) {
                throw InferenceException.badRequest("input '" + input + "': BYTES element " + i + " claims " + length
                        + " bytes, only " + buffer.remaining() + " are left in the " + carrier);
            }
            values[i] = new byte[(int) length];
            buffer.get(values[i]);
        }
        if (buffer.hasRemaining()) {
            throw InferenceException.badRequest("input '" + input + "': " + carrier + " hold " + buffer.remaining()
                    + " bytes more than the " + count + " BYTES elements of shape " + Shapes.format(shape));
        }
        return values;
    }

    /** One tensor's data as binary bytes, in a fresh array the caller may wrap without copying. */
    public static byte[] write(Tensor tensor) {
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
            return buffer.array();
        }
        ByteBuffer buffer = ByteBuffer.allocate(Math.multiplyExact(tensor.size(), tensor.datatype().width()))
                .order(ByteOrder.LITTLE_ENDIAN);
        PackedElements.write(tensor.datatype(), data, buffer);
        return buffer.array();
    }
}
