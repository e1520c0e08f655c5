package io.mlcycle.runtime.tensor;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The tensors a model takes and returns, in the order the engine expects them. */
public record ModelSignature(List<TensorSpec> inputs, List<TensorSpec> outputs) {

    public ModelSignature {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    public Optional<TensorSpec> input(String name) {
        return inputs.stream().filter(spec -> spec.name().equals(name)).findFirst();
    }

    public Optional<TensorSpec> output(String name) {
        return outputs.stream().filter(spec -> spec.name().equals(name)).findFirst();
    }

    /** Input names joined for error messages, e.g. {@code [input]}. */
    public String inputNames() {
        return inputs.stream().map(TensorSpec::name).collect(Collectors.joining(", ", "[", "]"));
    }

    /** Output names joined for error messages. */
    public String outputNames() {
        return outputs.stream().map(TensorSpec::name).collect(Collectors.joining(", ", "[", "]"));
    }
}
