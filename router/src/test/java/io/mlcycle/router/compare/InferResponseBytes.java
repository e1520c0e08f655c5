package io.mlcycle.router.compare;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import com.google.protobuf.CodedOutputStream;

/**
 * Serialized {@code inference.ModelInferResponse}s with one FP32 output, written field by field as the runtime's
 * generated classes write them: values as typed {@code fp32_contents}, or as a little-endian
 * {@code raw_output_contents} buffer.
 */
public final class InferResponseBytes {

    private InferResponseBytes() {
    }

    public static byte[] typed(String name, long[] shape, float... values) {
        byte[] contents = message(out -> {
            out.writeTag(6, 2);
            out.writeUInt32NoTag(values.length * 4);
            for (float v : values) {
                out.writeFloatNoTag(v);
            }
        });
        return message(out -> {
            out.writeString(1, "m");
            out.writeByteArray(5, tensor(name, shape, contents));
        });
    }

    public static byte[] raw(String name, long[] shape, float... values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            raw.putFloat(v);
        }
        return message(out -> {
            out.writeString(1, "m");
            out.writeString(2, "2");
            out.writeByteArray(5, tensor(name, shape, null));
            out.writeByteArray(6, raw.array());
        });
    }

    private static byte[] tensor(String name, long[] shape, byte[] contents) {
        return message(out -> {
            out.writeString(1, name);
            out.writeString(2, "FP32");
            out.writeTag(3, 2);
            int size = 0;
            for (long d : shape) {
                size += CodedOutputStream.computeInt64SizeNoTag(d);
            }
            out.writeUInt32NoTag(size);
            for (long d : shape) {
                out.writeInt64NoTag(d);
            }
            if (contents != null) {
                out.writeByteArray(5, contents);
            }
        });
    }

    private interface Fields {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] message(Fields fields) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            fields.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
