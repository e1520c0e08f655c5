package io.mlcycle.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlcycle.runtime.engine.XgboostWriters.WrittenModel;
import io.mlcycle.runtime.tensor.Datatype;
import io.mlcycle.runtime.tensor.ModelSignature;
import io.mlcycle.runtime.tensor.Tensor;
import io.mlcycle.runtime.tensor.TensorSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden examples on real XGBoost models written by Python's xgboost 3.2.0 with their manifests (rows with NaN and
 * the writer's answers): they agree as written, and a hand-altered answer is named by output, row and difference.
 */
class GoldenExamplesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ModelLoader LOADER = new ModelLoader(JSON);
    private static final ModelLoader.Options ONE_WORKER = new ModelLoader.Options(Optional.empty(), 1, 1);

    @TempDir
    Path dir;

    /** The writer's folder for this case (model.json, model.ubj, mlcycle-model.json), copied to change freely. */
    private Path writersFolder(String modelCase) throws Exception {
        WrittenModel json = XgboostWriters.models(XgboostWriters.PYTHON.get(XgboostWriters.PYTHON.size() - 1))
                .stream().filter(m -> m.modelCase().equals(modelCase) && m.format().equals("json")).findFirst()
                .orElseThrow();
        Path copy = Files.createDirectories(dir.resolve(modelCase));
        for (String file : new String[] {"model.json", ModelManifest.FILE_NAME}) {
            Files.copy(json.file().resolveSibling(file), copy.resolve(file));
        }
        return copy;
    }

    @Test
    void theWritersOwnAnswersAgreeIncludingRowsOfMissingValues() throws Exception {
        for (String modelCase : new String[] {"regression", "binary-missing", "softprob", "categorical"}) {
            try (LoadedModel model = LOADER.load("m", "1", writersFolder(modelCase), ONE_WORKER)) {
                GoldenExamples examples = model.manifest().examples().orElseThrow();
                GoldenExamples.Outcome outcome = examples.check(model);
                assertThat(outcome.agrees()).as(modelCase + ": " + outcome.describe()).isTrue();
                assertThat(outcome.valuesCompared()).isGreaterThanOrEqualTo(6);
                examples.verify(model);
            }
        }
    }

    @Test
    void aHandAlteredAnswerFailsNamingTheOutputTheRowAndTheDifference() throws Exception {
        Path folder = writersFolder("softprob");
        ObjectNode manifest = (ObjectNode) JSON.readTree(folder.resolve(ModelManifest.FILE_NAME).toFile());
        ArrayNode data = (ArrayNode) manifest.at("/examples/outputs/0/data");
        double original = data.get(7).asDouble(); // row 2, class 1 of [6, 3]
        data.set(7, original + 0.25);
        JSON.writeValue(folder.resolve(ModelManifest.FILE_NAME).toFile(), manifest);

        try (LoadedModel model = LOADER.load("m", "1", folder, ONE_WORKER)) {
            GoldenExamples examples = model.manifest().examples().orElseThrow();
            GoldenExamples.Outcome outcome = examples.check(model);
            assertThat(outcome.agrees()).isFalse();
            assertThat(outcome.valuesOff()).isEqualTo(1);
            assertThat(outcome.valuesCompared()).isEqualTo(18);
            assertThat(outcome.row()).isEqualTo(2);
            assertThat(outcome.index()).isEqualTo(1);
            assertThat(outcome.difference()).isCloseTo(0.25, within(1e-6));
            assertThatThrownBy(() -> examples.verify(model)).isInstanceOf(WrongAnswersException.class)
                    .hasMessageContaining("1 of 18 example values differ from the writer's")
                    .hasMessageContaining("output 'output' row 2 value 1")
                    .hasMessageContaining("difference 0.250");
        }
    }

    @Test
    void examplesThatDoNotFitAreRefusedNamingTheField() throws Exception {
        Path folder = writersFolder("regression");
        Files.writeString(folder.resolve(ModelManifest.FILE_NAME), "{\"examples\": {\"inputs\": []}}");
        assertThatThrownBy(() -> LOADER.load("m", "1", folder, ONE_WORKER)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("examples.inputs must be a non-empty array of tensors");
        Files.writeString(folder.resolve(ModelManifest.FILE_NAME), "{\"examples\": {\"inputs\": [{\"name\": \"input\","
                + " \"shape\": [2, 20], \"data\": [1, 2]}], \"outputs\": [{\"name\": \"output\", \"data\": [1]}]}}");
        assertThatThrownBy(() -> LOADER.load("m", "1", folder, ONE_WORKER)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("examples.inputs[] 'input': shape [2, 20] needs 40 values, data has 2");
        Files.writeString(folder.resolve(ModelManifest.FILE_NAME), "{\"examples\": {\"inputs\": [{\"name\": \"input\","
                + " \"shape\": [1, 20], \"data\": [" + "0, ".repeat(19) + "0]}], \"outputs\": [{\"name\": \"score\","
                + " \"data\": [1]}]}}");
        try (LoadedModel model = LOADER.load("m", "1", folder, ONE_WORKER)) {
            assertThatThrownBy(() -> model.manifest().examples().orElseThrow().verify(model))
                    .isInstanceOf(ModelLoadException.class)
                    .hasMessageContaining("golden examples name output 'score', which the model does not return");
        }
    }

    /** A model that answers whatever it was built with, whatever it is asked. */
    private static LoadedModel answering(float... answer) {
        return new LoadedModel() {
            @Override
            public String name() {
                return "fixed";
            }

            @Override
            public String version() {
                return "1";
            }

            @Override
            public EngineKind engine() {
                return EngineKind.ONNXRUNTIME;
            }

            @Override
            public ModelSignature signature() {
                return new ModelSignature(List.of(new TensorSpec("x", Datatype.FP32, new long[] {-1, 1})),
                        List.of(new TensorSpec("y", Datatype.FP32, new long[] {-1})));
            }

            @Override
            public List<Tensor> predict(List<Tensor> inputs) {
                return List.of(Tensor.of("y", new long[] {answer.length}, answer));
            }

            @Override
            public void close() {
            }
        };
    }

    private static GoldenExamples expecting(double... values) throws Exception {
        String data = java.util.Arrays.stream(values).mapToObj(v -> Double.isNaN(v) ? "NaN"
                : Double.isInfinite(v) ? (v > 0 ? "Infinity" : "-Infinity") : Double.toString(v))
                .collect(java.util.stream.Collectors.joining(", "));
        String zeros = "0, ".repeat(values.length - 1) + "0";
        return GoldenExamples.parse(new ObjectMapper().enable(com.fasterxml.jackson.core.JsonParser.Feature
                .ALLOW_NON_NUMERIC_NUMBERS).readTree("{\"inputs\": [{\"name\": \"x\", \"shape\": [" + values.length
                + ", 1], \"data\": [" + zeros + "]}], \"outputs\": [{\"name\": \"y\", \"data\": [" + data + "]}]}"));
    }

    @Test
    void nanOnlyMatchesNanAndAnInfinityOnlyItself() throws Exception {
        assertThat(expecting(Double.NaN, Double.POSITIVE_INFINITY, 1).check(answering(Float.NaN,
                Float.POSITIVE_INFINITY, 1f)).agrees()).isTrue();
        GoldenExamples.Outcome nanExpected = expecting(Double.NaN, 1).check(answering(0.5f, 1f));
        assertThat(nanExpected.agrees()).isFalse();
        assertThat(nanExpected.row()).isZero();
        GoldenExamples.Outcome infinityExpected = expecting(1, Double.POSITIVE_INFINITY).check(answering(1f, 1e30f));
        assertThat(infinityExpected.agrees()).isFalse();
        assertThat(infinityExpected.row()).as("rows as the model answers them, the writer's shape flat").isEqualTo(1);
        assertThat(expecting(1, 2).check(answering(1f, Float.NaN)).valuesOff()).isEqualTo(1);
    }

    @Test
    void examplesWithoutValuesOrWithAToleranceThatIsNoNumberAreRefused() {
        assertThatThrownBy(() -> GoldenExamples.parse(new ObjectMapper().readTree("{\"inputs\": [{\"name\": \"x\", "
                + "\"data\": [1]}], \"outputs\": [{\"name\": \"y\", \"data\": []}]}")))
                .hasMessageContaining("examples.outputs[] 'y': 'data' holds no values");
        assertThatThrownBy(() -> GoldenExamples.parse(new ObjectMapper().readTree("{\"tolerance\": {\"absolute\": "
                + "\"tiny\"}, \"inputs\": [{\"name\": \"x\", \"data\": [1]}], \"outputs\": [{\"name\": \"y\", "
                + "\"data\": [1]}]}"))).hasMessageContaining("examples.tolerance must be an object with numbers");
    }
}
