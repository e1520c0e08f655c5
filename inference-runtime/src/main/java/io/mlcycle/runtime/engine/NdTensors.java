package io.mlcycle.runtime.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.mlcycle.runtime.tensor.Datatype;
import io.mlcycle.runtime.tensor.PackedElements;
import io.mlcycle.runtime.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Converts between runtime {@link Tensor}s and DJL {@link NDArray}s without going through boxed values. */
final class NdTensors {

    private NdTensors() {
    }

    /** A DJL array holding the tensor's data, created by (and owned by) the given manager. */
    static NDArray toNd(NDManager manager, Tensor tensor) {
        Shape shape = new Shape(tensor.shape());
        NDArray array;
        if (tensor.datatype() == Datatype.BYTES) {
            byte[][] values = (byte[][]) tensor.data();
            String[] strings = new String[values.length];
            for (int i = 0; i < values.length; i++) {
                strings[i] = new String(values[i], StandardCharsets.UTF_8);
            }
            array = manager.create(strings, StandardCharsets.UTF_8, shape);
        } else {
            array = manager.create(toBuffer(tensor), shape, djlType(tensor.datatype()));
        }
        array.setName(tensor.name());
        return array;
    }

    private static ByteBuffer toBuffer(Tensor tensor) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(tensor.size() * tensor.datatype().width())
                .order(ByteOrder.nativeOrder());
        PackedElements.write(tensor.datatype(), tensor.data(), buffer);
        buffer.rewind();
        return buffer;
    }

    /** The runtime tensor holding a DJL array's data under the given name. */
    static Tensor fromNd(String name, NDArray array) {
        Datatype type = datatypeOf(array.getDataType(), name);
        long[] shape = array.getShape().getShape();
        if (type == Datatype.BYTES) {
            String[] strings = array.toStringArray(StandardCharsets.UTF_8);
            byte[][] values = new byte[strings.length][];
            for (int i = 0; i < strings.length; i++) {
                values[i] = strings[i].getBytes(StandardCharsets.UTF_8);
            }
            return new Tensor(name, type, shape, values);
        }
        ByteBuffer buffer = array.toByteBuffer().order(ByteOrder.nativeOrder());
        int count = Math.toIntExact(array.size());
        Object data = PackedElements.read(type, buffer, count);
        return new Tensor(name, type, shape, data);
    }

    static DataType djlType(Datatype type) {
        return switch (type) {
            case BOOL -> DataType.BOOLEAN;
            case UINT8 -> DataType.UINT8;
            case UINT16 -> DataType.UINT16;
            case UINT32 -> DataType.UINT32;
            case UINT64 -> DataType.UINT64;
            case INT8 -> DataType.INT8;
            case INT16 -> DataType.INT16;
            case INT32 -> DataType.INT32;
            case INT64 -> DataType.INT64;
            case FP16 -> DataType.FLOAT16;
            case FP32 -> DataType.FLOAT32;
            case FP64 -> DataType.FLOAT64;
            case BYTES -> DataType.STRING;
        };
    }

    static Datatype datatypeOf(DataType type, String name) {
        return switch (type) {
            case BOOLEAN -> Datatype.BOOL;
            case UINT8 -> Datatype.UINT8;
            case UINT16 -> Datatype.UINT16;
            case UINT32 -> Datatype.UINT32;
            case UINT64 -> Datatype.UINT64;
            case INT8 -> Datatype.INT8;
            case INT16 -> Datatype.INT16;
            case INT32 -> Datatype.INT32;
            case INT64 -> Datatype.INT64;
            case FLOAT16 -> Datatype.FP16;
            case FLOAT32 -> Datatype.FP32;
            case FLOAT64 -> Datatype.FP64;
            case STRING -> Datatype.BYTES;
            default -> throw new IllegalStateException("output '" + name + "' has element type " + type
                    + ", which the Open Inference Protocol cannot carry");
        };
    }
}
