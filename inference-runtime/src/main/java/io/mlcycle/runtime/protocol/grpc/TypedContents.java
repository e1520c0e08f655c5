package io.mlcycle.runtime.protocol.grpc;

import com.google.protobuf.UnsafeByteOperations;
import io.mlcycle.runtime.InferenceException;
import io.mlcycle.runtime.protocol.grpc.proto.InferTensorContents;
import io.mlcycle.runtime.tensor.Datatype;
import io.mlcycle.runtime.tensor.Shapes;
import io.mlcycle.runtime.tensor.Tensor;

/**
 * Tensor data as {@code InferTensorContents}, the field the specification gives each datatype: {@code int_contents}
 * for INT8/16/32, {@code uint_contents} for UINT8/16/32, {@code bytes_contents} for BYTES and so on. FP16 has no
 * such field; it travels only as raw contents.
 */
final class TypedContents {

    private TypedContents() {
    }

    /** The values of one input as the array its datatype uses, checking their count and range. */
    static Object read(String input, Datatype type, long[] shape, InferTensorContents contents, int count) {
        Reader reader = new Reader(input, type, shape, count);
        return switch (type) {
            case BOOL -> {
                reader.expect("bool_contents", contents.getBoolContentsCount());
                boolean[] values = new boolean[count];
                for (int i = 0; i < count; i++) {
                    values[i] = contents.getBoolContents(i);
                }
                yield values;
            }
            case INT8, UINT8 -> {
                reader.expectInts(contents);
                byte[] values = new byte[count];
                for (int i = 0; i < count; i++) {
                    values[i] = (byte) reader.inRange(contents, i);
                }
                yield values;
            }
            case INT16, UINT16 -> {
                reader.expectInts(contents);
                short[] values = new short[count];
                for (int i = 0; i < count; i++) {
                    values[i] = (short) reader.inRange(contents, i);
                }
                yield values;
            }
            case INT32, UINT32 -> {
                reader.expectInts(contents);
                int[] values = new int[count];
                for (int i = 0; i < count; i++) {
                    values[i] = type == Datatype.INT32 ? contents.getIntContents(i) : contents.getUintContents(i);
                }
                yield values;
            }
            case INT64 -> {
                reader.expect("int64_contents", contents.getInt64ContentsCount());
                long[] values = new long[count];
                for (int i = 0; i < count; i++) {
                    values[i] = contents.getInt64Contents(i);
                }
                yield values;
            }
            case UINT64 -> {
                reader.expect("uint64_contents", contents.getUint64ContentsCount());
                long[] values = new long[count];
                for (int i = 0; i < count; i++) {
                    values[i] = contents.getUint64Contents(i);
                }
                yield values;
            }
            case FP16 -> throw InferenceException.badRequest("input '" + input
                    + "': FP16 has no typed contents field; send it in raw_input_contents");
            case FP32 -> {
                reader.expect("fp32_contents", contents.getFp32ContentsCount());
                float[] values = new float[count];
                for (int i = 0; i < count; i++) {
                    values[i] = contents.getFp32Contents(i);
                }
                yield values;
            }
            case FP64 -> {
                reader.expect("fp64_contents", contents.getFp64ContentsCount());
                double[] values = new double[count];
                for (int i = 0; i < count; i++) {
                    values[i] = contents.getFp64Contents(i);
                }
                yield values;
            }
            case BYTES -> {
                reader.expect("bytes_contents", contents.getBytesContentsCount());
                byte[][] values = new byte[count][];
                for (int i = 0; i < count; i++) {
                    values[i] = contents.getBytesContents(i).toByteArray();
                }
                yield values;
            }
        };
    }

    /** Checks counts and ranges of one input, with messages naming it. */
    private record Reader(String input, Datatype type, long[] shape, int count) {

        void expect(String field, int actual) {
            if (actual != count) {
                throw InferenceException.badRequest("input '" + input + "': shape " + Shapes.format(shape) + " needs "
                        + count + " values, " + field + " has " + actual + " (" + type + " values go in " + field + ")");
            }
        }

        void expectInts(InferTensorContents contents) {
            if (type.isUnsigned()) {
                expect("uint_contents", contents.getUintContentsCount());
            } else {
                expect("int_contents", contents.getIntContentsCount());
            }
        }

        /** Element {@code i} of int_contents or uint_contents (read as unsigned), checked against the type's range. */
        long inRange(InferTensorContents contents, int i) {
            long value = type.isUnsigned() ? Integer.toUnsignedLong(contents.getUintContents(i))
                    : contents.getIntContents(i);
            if (value < type.min() || value > type.max()) {
                throw InferenceException.badRequest("input '" + input + "': value " + value + " at index " + i
                        + " is out of range for " + type + " [" + type.min() + ", " + type.max() + "]");
            }
            return value;
        }
    }

    /** One tensor's data in its datatype's field; FP16 cannot be written this way (callers send it raw). */
    static InferTensorContents write(Tensor tensor) {
        InferTensorContents.Builder contents = InferTensorContents.newBuilder();
        Object data = tensor.data();
        switch (tensor.datatype()) {
            case BOOL -> {
                for (boolean v : (boolean[]) data) {
                    contents.addBoolContents(v);
                }
            }
            case INT8 -> {
                for (byte v : (byte[]) data) {
                    contents.addIntContents(v);
                }
            }
            case UINT8 -> {
                for (byte v : (byte[]) data) {
                    contents.addUintContents(Byte.toUnsignedInt(v));
                }
            }
            case INT16 -> {
                for (short v : (short[]) data) {
                    contents.addIntContents(v);
                }
            }
            case UINT16 -> {
                for (short v : (short[]) data) {
                    contents.addUintContents(Short.toUnsignedInt(v));
                }
            }
            case INT32 -> {
                for (int v : (int[]) data) {
                    contents.addIntContents(v);
                }
            }
            case UINT32 -> {
                for (int v : (int[]) data) {
                    contents.addUintContents(v);
                }
            }
            case INT64 -> {
                for (long v : (long[]) data) {
                    contents.addInt64Contents(v);
                }
            }
            case UINT64 -> {
                for (long v : (long[]) data) {
                    contents.addUint64Contents(v);
                }
            }
            case FP32 -> {
                for (float v : (float[]) data) {
                    contents.addFp32Contents(v);
                }
            }
            case FP64 -> {
                for (double v : (double[]) data) {
                    contents.addFp64Contents(v);
                }
            }
            case BYTES -> {
                for (byte[] v : (byte[][]) data) {
                    contents.addBytesContents(UnsafeByteOperations.unsafeWrap(v));
                }
            }
            case FP16 -> throw new IllegalArgumentException("FP16 output '" + tensor.name() + "' must be sent raw");
        }
        return contents.build();
    }
}
