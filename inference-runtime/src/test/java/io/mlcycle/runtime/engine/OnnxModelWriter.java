package io.mlcycle.runtime.engine;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes a tiny ONNX model, {@code y = x·W + b}, as protobuf bytes by hand, so tests need no Python and no
 * checked-in binaries. Field numbers are those of onnx.proto (ModelProto, GraphProto, NodeProto, TensorProto,
 * ValueInfoProto, TypeProto, TensorShapeProto).
 */
final class OnnxModelWriter {

    private OnnxModelWriter() {
    }

    /** A linear model: input "x" FP32 [batch, rows(w)], output "y" FP32 [batch, cols(w)]. */
    static byte[] linear(float[][] weights, float[] bias) {
        int in = weights.length;
        int out = bias.length;
        float[] flat = new float[in * out];
        for (int i = 0; i < in; i++) {
            System.arraycopy(weights[i], 0, flat, i * out, out);
        }
        Proto graph = new Proto()
                .message(1, node("MatMul", "x", "W", "xw"))
                .message(1, node("Add", "xw", "b", "y"))
                .string(2, "linear")
                .message(5, floatTensor("W", new long[] {in, out}, flat))
                .message(5, floatTensor("b", new long[] {out}, bias))
                .message(11, valueInfo("x", in))
                .message(12, valueInfo("y", out));
        return new Proto()
                .varint(1, 7)
                .string(2, "mlcycle-tests")
                .message(7, graph)
                .message(8, new Proto().string(1, "").varint(2, 13))
                .bytes();
    }

    private static Proto node(String op, String a, String b, String output) {
        return new Proto().string(1, a).string(1, b).string(2, output).string(3, op + "_" + output).string(4, op);
    }

    private static Proto floatTensor(String name, long[] dims, float[] values) {
        Proto tensor = new Proto();
        for (long dim : dims) {
            tensor.varint(1, dim);
        }
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        return tensor.varint(2, 1).string(8, name).raw(9, raw.array());
    }

    private static Proto valueInfo(String name, long columns) {
        Proto shape = new Proto()
                .message(1, new Proto().string(2, "batch"))
                .message(1, new Proto().varint(1, columns));
        Proto tensorType = new Proto().varint(1, 1).message(2, shape);
        return new Proto().string(1, name).message(2, new Proto().message(1, tensorType));
    }

    /** A protobuf message being written: varints and length-delimited fields only. */
    private static final class Proto {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Proto varint(int field, long value) {
            writeVarint((long) field << 3);
            writeVarint(value);
            return this;
        }

        Proto string(int field, String value) {
            return raw(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Proto message(int field, Proto message) {
            return raw(field, message.bytes());
        }

        Proto raw(int field, byte[] bytes) {
            writeVarint(((long) field << 3) | 2);
            writeVarint(bytes.length);
            out.writeBytes(bytes);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private void writeVarint(long value) {
            while ((value & ~0x7FL) != 0) {
                out.write((int) ((value & 0x7F) | 0x80));
                value >>>= 7;
            }
            out.write((int) value);
        }
    }
}
