package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** One named tensor of a model signature, as the Open Inference Protocol describes it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TensorSpec {

    @Required
    @Size(min = 1, max = 128)
    @JsonPropertyDescription("Tensor name, as clients send it in an inference request.")
    private String name;

    @Required
    @JsonPropertyDescription("Element type, one of the Open Inference Protocol datatypes (FP32, INT64, BYTES, ...).")
    private TensorDatatype datatype;

    @Required
    @Size(min = 0, max = 8)
    @ValidationRule(value = "self.all(d, d >= -1)", message = "dimensions must be -1 (variable) or a size of 0 or more")
    @JsonPropertyDescription("Shape; -1 marks a variable dimension (usually the batch).")
    private List<Long> shape;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public TensorDatatype getDatatype() {
        return datatype;
    }

    public void setDatatype(TensorDatatype datatype) {
        this.datatype = datatype;
    }

    public List<Long> getShape() {
        return shape;
    }

    public void setShape(List<Long> shape) {
        this.shape = shape;
    }
}
