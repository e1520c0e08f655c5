package io.mlcycle.runtime.tensor;

import java.util.Objects;

/** The declared name, datatype and shape of one model input or output; -1 marks a variable dimension. */
public record TensorSpec(String name, Datatype datatype, long[] shape) {

    public TensorSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(datatype, "datatype");
        Objects.requireNonNull(shape, "shape");
        for (long dim : shape) {
            if (dim < -1) {
                throw new IllegalArgumentException("tensor spec '" + name + "': dimensions must be -1 or >= 0, got "
                        + Shapes.format(shape));
            }
        }
    }

    /** Whether a tensor's shape fits this spec's shape. */
    public boolean acceptsShape(long[] concrete) {
        return Shapes.matches(shape, concrete);
    }

    /** The smallest concrete shape of this spec: every variable dimension set to 1. */
    public long[] minimalShape() {
        long[] concrete = shape.clone();
        for (int i = 0; i < concrete.length; i++) {
            if (concrete[i] == -1) {
                concrete[i] = 1;
            }
        }
        return concrete;
    }

    @Override
    public String toString() {
        return name + " " + datatype + " " + Shapes.format(shape);
    }
}
