package io.mlcycle.runtime.tensor;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A named tensor: datatype, concrete shape and flat row-major data in the array {@link Datatype#storage()} names.
 * Arrays are shared, not copied: treat a tensor as immutable once built.
 */
public record Tensor(String name, Datatype datatype, long[] shape, Object data) {

    public Tensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(datatype, "datatype");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(data, "data");
        if (data.getClass() != datatype.storage()) {
            throw new IllegalArgumentException("tensor '" + name + "': " + datatype + " data must be a "
                    + datatype.storage().getSimpleName() + ", got " + data.getClass().getSimpleName());
        }
        long expected = Shapes.elementCount(shape);
        int actual = Array.getLength(data);
        if (expected != actual) {
            throw new IllegalArgumentException("tensor '" + name + "': shape " + Shapes.format(shape) + " needs "
                    + expected + " values, data has " + actual);
        }
    }

    /** The tensor called {@code name} in {@code tensors}, if there is one (names are unique in OIP requests). */
    public static Optional<Tensor> named(List<Tensor> tensors, String name) {
        for (Tensor tensor : tensors) {
            if (tensor.name().equals(name)) {
                return Optional.of(tensor);
            }
        }
        return Optional.empty();
    }

    public static Tensor of(String name, long[] shape, float... data) {
        return new Tensor(name, Datatype.FP32, shape, data);
    }

    public static Tensor of(String name, long[] shape, double... data) {
        return new Tensor(name, Datatype.FP64, shape, data);
    }

    public static Tensor of(String name, long[] shape, long... data) {
        return new Tensor(name, Datatype.INT64, shape, data);
    }

    public static Tensor of(String name, long[] shape, int... data) {
        return new Tensor(name, Datatype.INT32, shape, data);
    }

    /**
     * A numeric tensor of this type from numbers as JSON gives them (e.g. golden examples): integer types take only
     * whole values within their range, BOOL only 0 and 1; floating-point types take anything, NaN included.
     */
    public static Tensor fromDoubles(String name, Datatype datatype, long[] shape, double[] values) {
        if (datatype == Datatype.BYTES) {
            throw new IllegalArgumentException("tensor '" + name + "': BYTES cannot be built from numbers");
        }
        Object data = Array.newInstance(datatype.storage().getComponentType(), values.length);
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (datatype.isFloatingPoint()) {
                if (data instanceof float[] floats) {
                    floats[i] = (float) v;
                } else {
                    ((double[]) data)[i] = v;
                }
                continue;
            }
            // UINT64 beyond 2^63 is not representable here; the range stops at Long.MAX_VALUE.
            if (v != Math.rint(v) || v < datatype.min() || v > datatype.max()) {
                throw new IllegalArgumentException("tensor '" + name + "': value " + v + " at index " + i
                        + " is not a whole number in " + datatype + "'s range [" + datatype.min() + ", "
                        + datatype.max() + "]");
            }
            long whole = (long) v;
            switch (datatype) {
                case BOOL -> ((boolean[]) data)[i] = whole != 0;
                case UINT8, INT8 -> ((byte[]) data)[i] = (byte) whole;
                case UINT16, INT16 -> ((short[]) data)[i] = (short) whole;
                case UINT32, INT32 -> ((int[]) data)[i] = (int) whole;
                default -> ((long[]) data)[i] = whole;
            }
        }
        return new Tensor(name, datatype, shape, data);
    }

    /** A tensor of this type and shape filled with zeros (false, empty strings), e.g. for warm-up requests. */
    public static Tensor zeros(String name, Datatype datatype, long[] shape) {
        int count = Math.toIntExact(Shapes.elementCount(shape));
        Object data = datatype == Datatype.BYTES ? emptyStrings(count) : Array.newInstance(
                datatype.storage().getComponentType(), count);
        return new Tensor(name, datatype, shape, data);
    }

    private static byte[][] emptyStrings(int count) {
        byte[][] strings = new byte[count][];
        Arrays.fill(strings, new byte[0]);
        return strings;
    }

    /** Number of elements. */
    public int size() {
        return Array.getLength(data);
    }

    /** The same data under another name. */
    public Tensor withName(String newName) {
        return new Tensor(newName, datatype, shape, data);
    }

    /** The same data seen with another shape of the same element count. */
    public Tensor withShape(long[] newShape) {
        return new Tensor(name, datatype, newShape, data);
    }

    /** Element {@code i} widened to double (BOOL as 0/1, unsigned read as unsigned); not for BYTES. */
    public double doubleAt(int i) {
        return switch (datatype) {
            case BOOL -> ((boolean[]) data)[i] ? 1 : 0;
            case UINT8 -> Byte.toUnsignedInt(((byte[]) data)[i]);
            case INT8 -> ((byte[]) data)[i];
            case UINT16 -> Short.toUnsignedInt(((short[]) data)[i]);
            case INT16 -> ((short[]) data)[i];
            case UINT32 -> Integer.toUnsignedLong(((int[]) data)[i]);
            case INT32 -> ((int[]) data)[i];
            case UINT64 -> unsignedToDouble(((long[]) data)[i]);
            case INT64 -> ((long[]) data)[i];
            case FP16, FP32 -> ((float[]) data)[i];
            case FP64 -> ((double[]) data)[i];
            case BYTES -> throw new UnsupportedOperationException("BYTES tensor '" + name + "' has no numeric value");
        };
    }

    private static double unsignedToDouble(long value) {
        double d = value & Long.MAX_VALUE;
        return value < 0 ? d + 0x1.0p63 : d;
    }

    @Override
    public String toString() {
        return "Tensor[" + name + ", " + datatype + ", " + Shapes.format(shape) + "]";
    }
}
