package io.mlcycle.runtime.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import io.mlcycle.runtime.tensor.Shapes;
import io.mlcycle.runtime.tensor.Tensor;
import io.mlcycle.runtime.tensor.TensorSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Feeds runtime tensors (already in signature order, batch dimension included) to a DJL block and turns its
 * outputs back into tensors named and shaped as the signature declares.
 */
final class TensorTranslator implements NoBatchifyTranslator<List<Tensor>, List<Tensor>> {

    private final List<TensorSpec> outputs;
    private final boolean namedInputs;

    /**
     * @param outputs the signature's outputs, in the order the engine returns them
     * @param namedInputs whether the engine matches inputs by name (ONNX Runtime) rather than position
     */
    TensorTranslator(List<TensorSpec> outputs, boolean namedInputs) {
        this.outputs = outputs;
        this.namedInputs = namedInputs;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, List<Tensor> inputs) {
        NDList list = new NDList(inputs.size());
        for (Tensor input : inputs) {
            NDArray array = NdTensors.toNd(ctx.getNDManager(), input);
            if (!namedInputs) {
                array.setName(null);
            }
            list.add(array);
        }
        return list;
    }

    @Override
    public List<Tensor> processOutput(TranslatorContext ctx, NDList list) {
        List<Tensor> result = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            NDArray array = list.get(i);
            TensorSpec spec = specFor(array, i);
            String name = spec != null ? spec.name() : array.getName() != null ? array.getName() : "output" + i;
            Tensor tensor = NdTensors.fromNd(name, array);
            result.add(spec == null ? tensor : fitShape(tensor, spec));
        }
        return result;
    }

    private TensorSpec specFor(NDArray array, int index) {
        if (array.getName() != null) {
            for (TensorSpec spec : outputs) {
                if (spec.name().equals(array.getName())) {
                    return spec;
                }
            }
        }
        return index < outputs.size() ? outputs.get(index) : null;
    }

    /** Engines such as XGBoost return flat arrays: give them the signature's shape when the element count fits. */
    private static Tensor fitShape(Tensor tensor, TensorSpec spec) {
        if (spec.acceptsShape(tensor.shape())) {
            return tensor;
        }
        long[] filled = Shapes.fill(spec.shape(), tensor.size());
        return filled != null ? tensor.withShape(filled) : tensor;
    }
}
