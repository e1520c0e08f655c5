package io.mlcycle.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlcycle.runtime.tensor.Datatype;
import io.mlcycle.runtime.tensor.Shapes;
import io.mlcycle.runtime.tensor.Tensor;
import io.mlcycle.runtime.tensor.TensorSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Input rows and the outputs the model's writer computed for them ({@code examples} in {@code mlcycle-model.json}),
 * so that a model whose engine answers differently from the library that trained it never reaches Ready:
 * <pre>{@code "examples": {
 *   "tolerance": {"absolute": 1e-6, "relative": 1e-5},
 *   "inputs":  [{"name": "input", "datatype": "FP32", "shape": [2, 3], "data": [0.1, NaN, 2, 1, 0, -1]}],
 *   "outputs": [{"name": "output", "shape": [2], "data": [0.73, 0.12]}]}}</pre>
 * An input's datatype defaults to the signature's; an output value passes when it is within
 * {@code absolute + relative * |expected|} of the writer's (NaN only matches NaN, an infinity only itself).
 */
public record GoldenExamples(List<Example> inputs, List<Example> outputs, Tolerance tolerance) {

    /** One named tensor of an example, numbers as the writer wrote them. */
    public record Example(String name, Optional<Datatype> datatype, long[] shape, double[] data) {
    }

    /** How far an answer may be from the writer's: {@code absolute + relative * |expected|}. */
    public record Tolerance(double absolute, double relative) {

        /** Float32 rounding of a few ops either side; what an engine that reads the model right stays within. */
        public static final Tolerance DEFAULT = new Tolerance(1e-6, 1e-5);

        public Tolerance {
            if (!(absolute >= 0) || !(relative >= 0)) {
                throw new IllegalArgumentException("examples.tolerance: absolute and relative must be >= 0");
            }
        }

        double allowed(double expected) {
            return absolute + relative * Math.abs(expected);
        }
    }

    /** What a check found: the worst value (by how far past its allowance it is) and how many were off. */
    public record Outcome(int valuesCompared, int valuesOff, String output, int row, int index, double actual,
            double expected, double difference, double allowed) {

        public boolean agrees() {
            return valuesOff == 0;
        }

        /** One line a person can act on. */
        public String describe() {
            String worst = String.format(Locale.ROOT, "output '%s' row %d value %d: %s where the writer computed %s "
                    + "(difference %.3g, allowed %.3g)", output, row, index, actual, expected, difference, allowed);
            return agrees() ? valuesCompared + " example values agree (closest call: " + worst + ")"
                    : valuesOff + " of " + valuesCompared + " example values differ from the writer's; worst: " + worst;
        }
    }

    public GoldenExamples {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** Parses the manifest's {@code examples} object, naming the field at fault. */
    static GoldenExamples parse(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("examples must be an object with 'inputs' and 'outputs'");
        }
        Tolerance tolerance = Tolerance.DEFAULT;
        JsonNode t = node.get("tolerance");
        if (t != null) {
            if (!t.isObject() || (t.has("absolute") && !t.get("absolute").isNumber())
                    || (t.has("relative") && !t.get("relative").isNumber())) {
                throw new IllegalArgumentException("examples.tolerance must be an object with numbers 'absolute' "
                        + "and 'relative', e.g. {\"absolute\": 1e-6, \"relative\": 1e-5}");
            }
            tolerance = new Tolerance(t.path("absolute").asDouble(Tolerance.DEFAULT.absolute()),
                    t.path("relative").asDouble(Tolerance.DEFAULT.relative()));
        }
        return new GoldenExamples(examples(node, "inputs"), examples(node, "outputs"), tolerance);
    }

    private static List<Example> examples(JsonNode node, String field) {
        JsonNode list = node.get(field);
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new IllegalArgumentException("examples." + field + " must be a non-empty array of tensors");
        }
        List<Example> examples = new ArrayList<>();
        for (JsonNode tensor : list) {
            String where = "examples." + field + "[]";
            JsonNode name = tensor.get("name");
            if (name == null || !name.isTextual()) {
                throw new IllegalArgumentException(where + " has no 'name'");
            }
            where += " '" + name.asText() + "'";
            Optional<Datatype> datatype = Optional.empty();
            if (tensor.hasNonNull("datatype")) {
                String type = tensor.get("datatype").asText();
                String at = where;
                datatype = Optional.of(Datatype.parse(type).filter(d -> d != Datatype.BYTES).orElseThrow(
                        () -> new IllegalArgumentException(at + ": datatype '" + type + "' is not a numeric OIP type")));
            }
            JsonNode data = tensor.get("data");
            if (data == null || !data.isArray()) {
                throw new IllegalArgumentException(where + " has no 'data' array");
            }
            if (data.isEmpty()) {
                throw new IllegalArgumentException(where + ": 'data' holds no values");
            }
            double[] values = new double[data.size()];
            for (int i = 0; i < values.length; i++) {
                JsonNode value = data.get(i);
                if (value.isNull()) {
                    values[i] = Double.NaN; // a missing value, as pandas writes it to JSON
                } else if (value.isNumber()) {
                    values[i] = value.asDouble();
                } else {
                    throw new IllegalArgumentException(where + ": data[" + i + "] is not a number");
                }
            }
            long[] shape = shape(tensor.get("shape"), values.length, where);
            examples.add(new Example(name.asText(), datatype, shape, values));
        }
        return examples;
    }

    private static long[] shape(JsonNode node, int count, String where) {
        if (node == null) {
            return new long[] {count};
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException(where + ": 'shape' must be an array");
        }
        long[] shape = new long[node.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = node.get(i).asLong();
        }
        if (Shapes.elementCount(shape) != count) {
            throw new IllegalArgumentException(where + ": shape " + Shapes.format(shape) + " needs "
                    + Shapes.elementCount(shape) + " values, data has " + count);
        }
        return shape;
    }

    /** Runs the example inputs through the model and compares every value of the example outputs. */
    public Outcome check(LoadedModel model) {
        List<Tensor> answers = model.predict(inputTensors(model));
        Outcome worst = null;
        double worstExcess = Double.NEGATIVE_INFINITY;
        int compared = 0;
        int off = 0;
        for (Example expected : outputs) {
            Tensor actual = Tensor.named(answers, expected.name()).orElseThrow(() -> new ModelLoadException(
                    "golden examples name output '" + expected.name() + "', which the model does not return"));
            if (actual.size() != expected.data().length) {
                throw new ModelLoadException("golden examples: output '" + expected.name() + "' has "
                        + actual.size() + " values " + Shapes.format(actual.shape()) + ", the writer's had "
                        + expected.data().length + " " + Shapes.format(expected.shape()));
            }
            // Rows as the model answers them: the writer's shape may be given flat.
            long rows = actual.shape().length == 0 ? 1 : Math.max(1, actual.shape()[0]);
            int perRow = (int) Math.max(1, actual.size() / rows);
            for (int i = 0; i < expected.data().length; i++) {
                double want = expected.data()[i];
                double got = actual.doubleAt(i);
                double allowed = Double.isFinite(want) ? tolerance.allowed(want) : 0;
                double difference;
                if (!Double.isFinite(want)) {
                    // NaN only matches NaN, an infinity only the same infinity.
                    boolean same = Double.isNaN(want) ? Double.isNaN(got) : got == want;
                    difference = same ? 0 : Double.POSITIVE_INFINITY;
                } else {
                    difference = Double.isNaN(got) ? Double.POSITIVE_INFINITY : Math.abs(got - want);
                }
                compared++;
                if (difference > allowed) {
                    off++;
                }
                double excess = difference - allowed;
                if (worst == null || excess > worstExcess) {
                    worstExcess = excess;
                    worst = new Outcome(0, 0, expected.name(), (int) (i / perRow), i % perRow, got, want,
                            difference, allowed);
                }
            }
        }
        return new Outcome(compared, off, worst.output(), worst.row(), worst.index(), worst.actual(),
                worst.expected(), worst.difference(), worst.allowed());
    }

    /** Checks and throws, naming the worst value, when the model disagrees with its writer. */
    public void verify(LoadedModel model) {
        Outcome outcome = check(model);
        if (!outcome.agrees()) {
            throw new WrongAnswersException(outcome);
        }
    }

    private List<Tensor> inputTensors(LoadedModel model) {
        List<Tensor> tensors = new ArrayList<>();
        for (Example example : inputs) {
            Datatype type = example.datatype().orElseGet(() -> model.signature().inputs().stream()
                    .filter(spec -> spec.name().equals(example.name())).map(TensorSpec::datatype).findFirst()
                    .orElseThrow(() -> new ModelLoadException("golden examples name input '" + example.name()
                            + "', which the model's signature does not have")));
            if (type == Datatype.BYTES) {
                throw new ModelLoadException("golden examples: input '" + example.name()
                        + "' is BYTES; examples hold numeric tensors only");
            }
            try {
                tensors.add(Tensor.fromDoubles(example.name(), type, example.shape(), example.data()));
            } catch (IllegalArgumentException e) {
                throw new ModelLoadException("golden examples: " + e.getMessage(), e);
            }
        }
        return tensors;
    }
}
