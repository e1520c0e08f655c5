package io.mlcycle.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcycle.runtime.tensor.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TorchScript file written by real PyTorch ({@code src/test/python/make_torchscript.py} under Debian's
 * {@code python3-torch}, which {@code .ci/run} installs) loads in DJL's PyTorch engine and gives PyTorch's own
 * numbers for both of its outputs. Fails, never skips, when that PyTorch is missing.
 */
class TorchScriptModelTest {

    /** Debian's interpreter: python3-torch is built for it, not for other Pythons on the PATH. */
    static final String PYTHON = "/usr/bin/python3";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SIGNATURE = """
            {"format": "torchscript", "file": "mlp.pt", "signature": {
              "inputs": [{"name": "features", "datatype": "FP32", "shape": [-1, 4]}],
              "outputs": [{"name": "logits", "datatype": "FP32", "shape": [-1, 3]},
                          {"name": "probabilities", "datatype": "FP32", "shape": [-1, 3]}]}}
            """;

    @TempDir
    static Path dir;

    private static JsonNode expected;
    private static Path modelDir;

    private final ModelLoader loader = new ModelLoader(JSON);

    @BeforeAll
    static void writeTorchScriptWithPytorch() throws Exception {
        Process process = new ProcessBuilder(PYTHON, "src/test/python/make_torchscript.py", dir.toString())
                .redirectErrorStream(true).start();
        boolean done = process.waitFor(2, TimeUnit.MINUTES);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            process.destroyForcibly();
        }
        assertThat(done && process.exitValue() == 0).as("make_torchscript.py failed; it needs Debian's PyTorch "
                + "(apt-get install python3-torch, which .ci/run does):\n" + output).isTrue();
        expected = JSON.readTree(dir.resolve("expected.json").toFile());
        modelDir = dir.resolve("model");
    }

    @Test
    void pytorchsOwnTorchScriptGivesPytorchsNumbersForEachOutput() throws IOException {
        Files.writeString(modelDir.resolve(ModelManifest.FILE_NAME), SIGNATURE);
        try (LoadedModel model = loader.load("scripted", "1", modelDir,
                new ModelLoader.Options(Optional.empty(), 2, 1))) {
            assertThat(model.engine()).isEqualTo(EngineKind.PYTORCH);
            JsonNode probe = expected.get("probe");
            float[] rows = new float[probe.size() * 4];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = (float) probe.get(i / 4).get(i % 4).asDouble();
            }
            List<Tensor> outputs = model.predict(List.of(Tensor.of("features", new long[] {probe.size(), 4}, rows)));
            assertThat(outputs).extracting(Tensor::name).containsExactly("logits", "probabilities");
            for (Tensor output : outputs) {
                assertThat(output.shape()).containsExactly(probe.size(), 3);
                float[] values = (float[]) output.data();
                JsonNode want = expected.get(output.name());
                for (int i = 0; i < values.length; i++) {
                    assertThat((double) values[i]).as("%s[%d] (PyTorch %s)", output.name(), i,
                            expected.get("torch").asText()).isCloseTo(want.get(i / 3).get(i % 3).asDouble(),
                            within(1e-6));
                }
            }
        }
    }

    @Test
    void aTorchScriptModelWithoutASignatureIsRefusedWithWhatToAdd() throws IOException {
        Files.deleteIfExists(modelDir.resolve(ModelManifest.FILE_NAME));
        assertThatThrownBy(() -> loader.load("scripted", "1", modelDir,
                new ModelLoader.Options(Optional.empty(), 1, 1)))
                .isInstanceOf(ModelLoadException.class)
                .hasMessage("a TorchScript model does not declare its tensors: give 'signature' in "
                        + "mlcycle-model.json beside mlp.pt");
    }
}
