package io.mlcycle.runtime.protocol.oip;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlcycle.runtime.InferenceException;
import io.mlcycle.runtime.tensor.Datatype;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code data} of one OIP JSON input, flat or nested, into the primitive array its datatype uses,
 * checking each element's type and range.
 */
final class TensorDataReader {

    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private final String input;
    private final Datatype datatype;

    TensorDataReader(String input, Datatype datatype) {
        this.input = input;
        this.datatype = datatype;
    }

    /** The elements of {@code data} in row-major order, as the array {@link Datatype#storage()} names. */
    Object read(JsonNode data, int expectedCount) {
        // Sized by what the data can hold, not by the shape: a few bytes claiming a shape of a billion elements must
        // be refused, not allocated for (flat data, the usual form, fits exactly).
        List<JsonNode> flat = new ArrayList<>(data.isArray() ? Math.min(expectedCount, data.size()) : 1);
        flatten(data, flat, 0);
        if (flat.size() != expectedCount) {
            throw bad("shape needs " + expectedCount + " values, data has " + flat.size());
        }
        return switch (datatype) {
            case BOOL -> readBooleans(flat);
            case UINT8, INT8 -> readBytes(flat);
            case UINT16, INT16 -> readShorts(flat);
            case UINT32, INT32 -> readInts(flat);
            case UINT64, INT64 -> readLongs(flat);
            case FP16, FP32 -> readFloats(flat);
            case FP64 -> readDoubles(flat);
            case BYTES -> readStrings(flat);
        };
    }

    private void flatten(JsonNode node, List<JsonNode> out, int depth) {
        if (node.isArray()) {
            if (depth > 32) {
                throw bad("data is nested deeper than 32 levels");
            }
            for (JsonNode child : node) {
                flatten(child, out, depth + 1);
            }
        } else {
            out.add(node);
        }
    }

    private boolean[] readBooleans(List<JsonNode> flat) {
        boolean[] values = new boolean[flat.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode node = flat.get(i);
            if (!node.isBoolean()) {
                throw wrongElement(i, node, "true or false");
            }
            values[i] = node.booleanValue();
        }
        return values;
    }

    private byte[] readBytes(List<JsonNode> flat) {
        byte[] values = new byte[flat.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (byte) integer(flat, i);
        }
        return values;
    }

    private short[] readShorts(List<JsonNode> flat) {
        short[] values = new short[flat.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (short) integer(flat, i);
        }
        return values;
    }

    private int[] readInts(List<JsonNode> flat) {
        int[] values = new int[flat.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (int) integer(flat, i);
        }
        return values;
    }

    private long[] readLongs(List<JsonNode> flat) {
        long[] values = new long[flat.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = integer(flat, i);
        }
        return values;
    }

    /** Element {@code i} as a long in the type's range; UINT64 above Long.MAX_VALUE wraps to its bit pattern. */
    private long integer(List<JsonNode> flat, int i) {
        JsonNode node = flat.get(i);
        if (!node.isIntegralNumber()) {
            throw wrongElement(i, node, "an integer");
        }
        if (datatype == Datatype.UINT64) {
            BigInteger value = node.bigIntegerValue();
            if (value.signum() < 0 || value.compareTo(UINT64_MAX) > 0) {
                throw outOfRange(i, node);
            }
            return value.longValue();
        }
        if (!node.canConvertToLong()) {
            throw outOfRange(i, node);
        }
        long value = node.longValue();
        if (value < datatype.min() || value > datatype.max()) {
            throw outOfRange(i, node);
        }
        return value;
    }

    private float[] readFloats(List<JsonNode> flat) {
        float[] values = new float[flat.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) number(flat, i);
        }
        return values;
    }

    private double[] readDoubles(List<JsonNode> flat) {
        double[] values = new double[flat.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = number(flat, i);
        }
        return values;
    }

    private double number(List<JsonNode> flat, int i) {
        JsonNode node = flat.get(i);
        if (!node.isNumber()) {
            throw wrongElement(i, node, "a number");
        }
        return node.doubleValue();
    }

    private byte[][] readStrings(List<JsonNode> flat) {
        byte[][] values = new byte[flat.size()][];
        for (int i = 0; i < values.length; i++) {
            JsonNode node = flat.get(i);
            if (!node.isTextual()) {
                throw wrongElement(i, node, "a string");
            }
            values[i] = node.textValue().getBytes(StandardCharsets.UTF_8);
        }
        return values;
    }

    private InferenceException wrongElement(int index, JsonNode node, String expected) {
        return bad("data[" + index + "] is " + abbreviate(node) + ", expected " + expected + " for " + datatype);
    }

    private InferenceException outOfRange(int index, JsonNode node) {
        return bad("data[" + index + "] = " + abbreviate(node) + " is out of range for " + datatype);
    }

    private InferenceException bad(String what) {
        return InferenceException.badRequest("input '" + input + "': " + what);
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
