package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** The tensors a model takes and returns. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ModelSignature {

    @Required
    @Size(min = 1, max = 32)
    @ValidationRule(value = "self.all(t, self.exists_one(u, u.name == t.name))", message = "signature.inputs must not repeat a name")
    @JsonPropertyDescription("Input tensors.")
    private List<TensorSpec> inputs;

    @Required
    @Size(min = 1, max = 32)
    @ValidationRule(value = "self.all(t, self.exists_one(u, u.name == t.name))", message = "signature.outputs must not repeat a name")
    @JsonPropertyDescription("Output tensors.")
    private List<TensorSpec> outputs;

    public List<TensorSpec> getInputs() {
        return inputs;
    }

    public void setInputs(List<TensorSpec> inputs) {
        this.inputs = inputs;
    }

    public List<TensorSpec> getOutputs() {
        return outputs;
    }

    public void setOutputs(List<TensorSpec> outputs) {
        this.outputs = outputs;
    }
}
