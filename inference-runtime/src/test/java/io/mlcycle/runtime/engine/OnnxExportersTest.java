package io.mlcycle.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcycle.runtime.Scripts;
import io.mlcycle.runtime.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ONNX models from the exporters users have: scikit-learn pipelines converted by skl2onnx and a network exported by
 * PyTorch's {@code torch.onnx.export} (Debian's python3-torch), answered as onnxruntime from PyPI answers them
 * (within 1e-6 relative); skl2onnx's default ZipMap output is refused at load saying which option to change.
 */
class OnnxExportersTest {

    /** The writers' virtualenv: scikit-learn, skl2onnx and the reference onnxruntime. */
    static final List<String> REQUIREMENTS = List.of("scikit-learn==1.9.1", "skl2onnx==1.20.0",
            "onnxruntime==1.32.0", "onnx==1.23.2", "numpy==2.4.6");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ModelLoader LOADER = new ModelLoader(JSON);
    private static final ModelLoader.Options ONE_WORKER = new ModelLoader.Options(Optional.empty(), 1, 1);
    private static final Path OUT = Path.of("target/onnx-writers").toAbsolutePath();

    @TempDir
    Path dir;

    @BeforeAll
    static void writeModelsAndReferenceAnswers() {
        String python = Scripts.venvPython("onnx-writers", REQUIREMENTS);
        Duration minutes = Duration.ofMinutes(5);
        Scripts.run(minutes, List.of(python, Scripts.PYTHON.resolve("write_sklearn_onnx.py").toString(),
                OUT.toString()));
        Scripts.run(minutes, List.of("/usr/bin/python3", Scripts.PYTHON.resolve("write_torch_onnx.py").toString(),
                OUT.toString()));
        Scripts.run(minutes, List.of(python, Scripts.PYTHON.resolve("onnxruntime_answers.py").toString(),
                OUT.toString()));
    }

    @Test
    void aScikitLearnClassifierConvertedWithoutZipmapAnswersLabelsAndProbabilitiesAsOnnxruntime() throws Exception {
        assertAnswersAsOnnxruntime("sklearn-classifier", "label", "probabilities");
    }

    @Test
    void aScikitLearnRegressionPipelineAnswersAsOnnxruntime() throws Exception {
        assertAnswersAsOnnxruntime("sklearn-regressor", "variable");
    }

    @Test
    void aNetworkExportedByPytorchAnswersAsOnnxruntime() throws Exception {
        assertAnswersAsOnnxruntime("torch-mlp", "probabilities");
    }

    @Test
    void skl2onnxsZipmapOutputIsRefusedAtLoadNamingTheOptionToChange() throws Exception {
        JsonNode expected = JSON.readTree(OUT.resolve("sklearn-zipmap/expected.json").toFile());
        assertThat(expected.get("nonTensorOutputs").get(0).asText()).isEqualTo("output_probability");
        Path alone = alone("sklearn-zipmap");
        assertThatThrownBy(() -> LOADER.load("m", "1", alone, ONE_WORKER))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("ONNX output 'output_probability' is not a tensor")
                .hasMessageContaining("options={'zipmap': False}");
    }

    /** The case's model.onnx in a folder of its own, as an artifact holds it (rows.json would look like XGBoost). */
    private Path alone(String modelCase) throws Exception {
        Path copy = Files.createDirectories(dir.resolve(modelCase));
        Files.copy(OUT.resolve(modelCase).resolve("model.onnx"), copy.resolve("model.onnx"));
        return copy;
    }

    private void assertAnswersAsOnnxruntime(String modelCase, String... outputs) throws Exception {
        JsonNode rows = JSON.readTree(OUT.resolve(modelCase).resolve("rows.json").toFile());
        JsonNode expected = JSON.readTree(OUT.resolve(modelCase).resolve("expected.json").toFile());
        float[] data = JSON.convertValue(rows.get("data"), float[].class);
        long[] shape = JSON.convertValue(rows.get("shape"), long[].class);
        try (LoadedModel model = LOADER.load("m", "1", alone(modelCase), ONE_WORKER)) {
            assertThat(model.signature().outputs()).extracting(spec -> spec.name()).containsExactly(outputs);
            List<Tensor> answers = model.predict(List.of(Tensor.of(rows.get("input").asText(), shape, data)));
            List<String> off = new ArrayList<>();
            for (JsonNode reference : expected.get("outputs")) {
                Tensor answer = Tensor.named(answers, reference.get("name").asText()).orElseThrow();
                assertThat(answer.datatype().name()).isEqualTo(reference.get("datatype").asText());
                assertThat(answer.shape()).containsExactly(JSON.convertValue(reference.get("shape"), long[].class));
                for (int i = 0; i < answer.size(); i++) {
                    double want = reference.get("data").get(i).asDouble();
                    double got = answer.doubleAt(i);
                    if (Math.abs(got - want) > Math.max(1e-6 * Math.abs(want), Math.ulp((float) want))) {
                        off.add(answer.name() + "[" + i + "] = " + got + ", onnxruntime: " + want);
                    }
                }
            }
            assertThat(off).as(modelCase + " differs from onnxruntime " + expected.get("onnxruntime").asText())
                    .isEmpty();
        }
    }
}
