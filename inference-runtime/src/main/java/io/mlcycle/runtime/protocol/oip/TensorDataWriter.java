package io.mlcycle.runtime.protocol.oip;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlcycle.runtime.tensor.Tensor;
import io.mlcycle.runtime.tensor.TensorSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Writes tensor data as a flat JSON array, unsigned types as unsigned and BYTES as UTF-8 strings. */
final class TensorDataWriter {

    private TensorDataWriter() {
    }

    static void write(JsonGenerator gen, Tensor tensor) throws IOException {
        Object data = tensor.data();
        gen.writeStartArray();
        switch (tensor.datatype()) {
            case BOOL -> {
                for (boolean v : (boolean[]) data) {
                    gen.writeBoolean(v);
                }
            }
            case UINT8 -> {
                for (byte v : (byte[]) data) {
                    gen.writeNumber(Byte.toUnsignedInt(v));
                }
            }
            case INT8 -> {
                for (byte v : (byte[]) data) {
                    gen.writeNumber(v);
                }
            }
            case UINT16 -> {
                for (short v : (short[]) data) {
                    gen.writeNumber(Short.toUnsignedInt(v));
                }
            }
            case INT16 -> {
                for (short v : (short[]) data) {
                    gen.writeNumber(v);
                }
            }
            case UINT32 -> {
                for (int v : (int[]) data) {
                    gen.writeNumber(Integer.toUnsignedLong(v));
                }
            }
            case INT32 -> {
                for (int v : (int[]) data) {
                    gen.writeNumber(v);
                }
            }
            case UINT64 -> {
                for (long v : (long[]) data) {
                    gen.writeNumber(v >= 0 ? Long.toString(v) : Long.toUnsignedString(v));
                }
            }
            case INT64 -> {
                for (long v : (long[]) data) {
                    gen.writeNumber(v);
                }
            }
            case FP16, FP32 -> {
                for (float v : (float[]) data) {
                    gen.writeNumber(v);
                }
            }
            case FP64 -> {
                for (double v : (double[]) data) {
                    gen.writeNumber(v);
                }
            }
            case BYTES -> {
                for (byte[] v : (byte[][]) data) {
                    gen.writeString(new String(v, StandardCharsets.UTF_8));
                }
            }
        }
        gen.writeEndArray();
    }

    static void spec(ObjectNode node, TensorSpec spec) {
        node.put("name", spec.name());
        node.put("datatype", spec.datatype().name());
        var shape = node.putArray("shape");
        for (long dim : spec.shape()) {
            shape.add(dim);
        }
    }
}
