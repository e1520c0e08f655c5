package io.mlcycle.router.compare;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;

/**
 * Reads the outputs of a gRPC {@code inference.ModelInferResponse} (KServe V2's {@code grpc_predict_v2.proto}) from
 * its wire bytes: the router relays messages as bytes and has no generated classes, so it reads the few fields it
 * compares with protobuf's own {@link CodedInputStream}: {@code outputs} (5: name 1, datatype 2, shape 3, contents 5)
 * and {@code raw_output_contents} (6, one little-endian buffer per output, in order).
 */
public final class GrpcInferResponse {

    private GrpcInferResponse() {
    }

    /** The answer in a serialized {@code ModelInferResponse}; empty when it cannot be read. */
    public static Optional<OipAnswer> parse(byte[] message) {
        try {
            List<Output> outputs = new ArrayList<>();
            List<ByteString> raw = new ArrayList<>();
            CodedInputStream in = CodedInputStream.newInstance(message);
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case 5 -> outputs.add(output(in.readBytes()));
                    case 6 -> raw.add(in.readBytes());
                    default -> in.skipField(tag);
                }
            }
            Map<String, OipAnswer.Tensor> tensors = new LinkedHashMap<>();
            for (int i = 0; i < outputs.size(); i++) {
                Output output = outputs.get(i);
                List<Object> data = i < raw.size() ? decode(raw.get(i), output.datatype) : output.data;
                Optional<OipAnswer.Tensor> tensor = OipAnswer.Tensor.of(output.shape(), data, output.datatype);
                if (tensor.isEmpty()) {
                    return Optional.empty();
                }
                tensors.put(output.name, tensor.get());
            }
            return Optional.of(new OipAnswer(tensors));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** One {@code InferOutputTensor}: its typed {@code contents}, when the answer has no raw buffers. */
    private record Output(String name, String datatype, List<Long> dims, List<Object> data) {
        long[] shape() {
            return dims.stream().mapToLong(Long::longValue).toArray();
        }
    }

    private static Output output(ByteString bytes) throws IOException {
        String name = "";
        String datatype = "";
        List<Long> shape = new ArrayList<>();
        List<Object> data = new ArrayList<>();
        CodedInputStream in = bytes.newCodedInput();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> name = in.readStringRequireUtf8();
                case 2 -> datatype = in.readStringRequireUtf8();
                case 3 -> repeated(in, tag, () -> shape.add(in.readInt64()));
                case 5 -> contents(in.readBytes(), data);
                default -> in.skipField(tag);
            }
        }
        return new Output(name, datatype, shape, data);
    }

    /** {@code InferTensorContents}: bool 1, int 2, int64 3, uint 4, uint64 5, fp32 6, fp64 7, bytes 8. */
    private static void contents(ByteString bytes, List<Object> data) throws IOException {
        CodedInputStream in = bytes.newCodedInput();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> repeated(in, tag, () -> data.add(in.readBool() ? "true" : "false"));
                case 2 -> repeated(in, tag, () -> data.add((double) in.readInt32()));
                case 3 -> repeated(in, tag, () -> data.add((double) in.readInt64()));
                case 4 -> repeated(in, tag, () -> data.add((double) Integer.toUnsignedLong(in.readUInt32())));
                case 5 -> repeated(in, tag, () -> data.add(unsigned(in.readUInt64())));
                case 6 -> repeated(in, tag, () -> data.add((double) in.readFloat()));
                case 7 -> repeated(in, tag, () -> data.add(in.readDouble()));
                case 8 -> data.add(in.readBytes().toStringUtf8());
                default -> in.skipField(tag);
            }
        }
    }

    /** One element, or all of a packed run of them (proto3 packs repeated scalars; readers must accept both). */
    private static void repeated(CodedInputStream in, int tag, Element element) throws IOException {
        if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            int limit = in.pushLimit(in.readRawVarint32());
            while (in.getBytesUntilLimit() > 0) {
                element.read();
            }
            in.popLimit(limit);
        } else {
            element.read();
        }
    }

    @FunctionalInterface
    private interface Element {
        void read() throws IOException;
    }

    /** A raw output buffer as OIP lays it out: little-endian elements; BYTES as 4-byte-length-prefixed strings. */
    static List<Object> decode(ByteString raw, String datatype) {
        ByteBuffer buffer = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        List<Object> data = new ArrayList<>();
        while (buffer.hasRemaining()) {
            data.add(switch (datatype) {
                case "FP32" -> (double) buffer.getFloat();
                case "FP64" -> buffer.getDouble();
                case "INT8" -> (double) buffer.get();
                case "UINT8" -> (double) Byte.toUnsignedInt(buffer.get());
                case "INT16" -> (double) buffer.getShort();
                case "UINT16" -> (double) Short.toUnsignedInt(buffer.getShort());
                case "INT32" -> (double) buffer.getInt();
                case "UINT32" -> (double) Integer.toUnsignedLong(buffer.getInt());
                case "INT64" -> (double) buffer.getLong();
                case "UINT64" -> unsigned(buffer.getLong());
                case "BOOL" -> buffer.get() != 0 ? "true" : "false";
                case "BYTES" -> {
                    byte[] element = new byte[buffer.getInt()];
                    buffer.get(element);
                    yield new String(element, StandardCharsets.UTF_8);
                }
                // FP16 and anything newer: compared as bytes, two at a time.
                default -> Integer.toHexString(Short.toUnsignedInt(buffer.getShort()));
            });
        }
        return data;
    }

    private static double unsigned(long value) {
        return value >= 0 ? value : (double) (value >>> 1) * 2 + (value & 1);
    }
}
