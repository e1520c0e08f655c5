package io.mlcycle.runtime.tensor;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Tensor element types of the Open Inference Protocol, each with the Java array that holds its data.
 *
 * <p>Unsigned types share the array of the signed type of the same width and are read as unsigned
 * ({@code UINT8} 255 is stored as byte -1). {@code FP16} is held as {@code float[]} and narrowed by the engine.
 * {@code BYTES} elements are raw byte strings.
 */
public enum Datatype {
    BOOL(boolean[].class, 0, 1),
    UINT8(byte[].class, 0, 255),
    UINT16(short[].class, 0, 65_535),
    UINT32(int[].class, 0, 4_294_967_295L),
    UINT64(long[].class, 0, Long.MAX_VALUE),
    INT8(byte[].class, Byte.MIN_VALUE, Byte.MAX_VALUE),
    INT16(short[].class, Short.MIN_VALUE, Short.MAX_VALUE),
    INT32(int[].class, Integer.MIN_VALUE, Integer.MAX_VALUE),
    INT64(long[].class, Long.MIN_VALUE, Long.MAX_VALUE),
    FP16(float[].class, 0, 0),
    FP32(float[].class, 0, 0),
    FP64(double[].class, 0, 0),
    BYTES(byte[][].class, 0, 0);

    /** All names, for error messages. */
    public static final String NAMES = Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));

    private final Class<?> storage;
    private final long min;
    private final long max;

    Datatype(Class<?> storage, long min, long max) {
        this.storage = storage;
        this.min = min;
        this.max = max;
    }

    /** The datatype with this OIP name (case-insensitive), if there is one. */
    public static Optional<Datatype> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Bytes per element when packed (BOOL one byte, FP16 a half float); BYTES has no fixed width. */
    public int width() {
        return switch (this) {
            case BOOL, UINT8, INT8 -> 1;
            case UINT16, INT16, FP16 -> 2;
            case UINT32, INT32, FP32 -> 4;
            case UINT64, INT64, FP64 -> 8;
            case BYTES -> throw new IllegalArgumentException("BYTES has no fixed width");
        };
    }

    /** The Java array class that holds elements of this type. */
    public Class<?> storage() {
        return storage;
    }

    public boolean isInteger() {
        return this != BOOL && this != BYTES && !isFloatingPoint();
    }

    public boolean isFloatingPoint() {
        return this == FP16 || this == FP32 || this == FP64;
    }

    public boolean isUnsigned() {
        return name().startsWith("UINT");
    }

    /** Smallest value an integer type holds (UINT64 is checked separately, beyond long). */
    public long min() {
        return min;
    }

    /** Largest value an integer type holds (UINT64 is checked separately, beyond long). */
    public long max() {
        return max;
    }
}
