package io.mlcycle.trainer.output;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlcycle.runtime.tensor.ModelSignature;
import io.mlcycle.runtime.tensor.TensorSpec;
import java.util.List;

/**
 * A signature as the manifest and ModelVersion.spec.signature write it:
 * {@code {"inputs": [{"name", "datatype", "shape"}], "outputs": [...]}}.
 */
public final class SignatureJson {

    private SignatureJson() {
    }

    public static ObjectNode of(ModelSignature signature) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.set("inputs", tensors(signature.inputs()));
        node.set("outputs", tensors(signature.outputs()));
        return node;
    }

    private static ArrayNode tensors(List<TensorSpec> specs) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (TensorSpec spec : specs) {
            ObjectNode tensor = array.addObject();
            tensor.put("name", spec.name());
            tensor.put("datatype", spec.datatype().name());
            ArrayNode shape = tensor.putArray("shape");
            for (long dim : spec.shape()) {
                shape.add(dim);
            }
        }
        return array;
    }
}
