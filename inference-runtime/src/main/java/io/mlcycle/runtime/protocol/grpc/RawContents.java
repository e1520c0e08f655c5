package io.mlcycle.runtime.protocol.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.mlcycle.runtime.InferenceException;
import io.mlcycle.runtime.tensor.Datatype;
import io.mlcycle.runtime.tensor.PackedElements;
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
        long expected = (long) count * type.width();
        if (raw.size() != expected) {
            throw InferenceException.badRequest("input '" + input + "': shape " + Shapes.format(shape) + " of " + type
                    + " needs " + expected + " bytes of raw contents, got " + raw.size());
        }
        return PackedElements.read(type, buffer, count);
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
        ByteBuffer buffer = ByteBuffer.allocate(Math.multiplyExact(tensor.size(), tensor.datatype().width()))
                .order(ByteOrder.LITTLE_ENDIAN);
        PackedElements.write(tensor.datatype(), data, buffer);
        return UnsafeByteOperations.unsafeWrap(buffer.array());
    }
}
