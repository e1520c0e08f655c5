package io.mlcycle.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcycle.runtime.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DJL's PyTorch engine: the built-in MLP trained here with DJL and saved as {@code .params}. */
class PytorchModelTest {

    @TempDir
    Path dir;

    private final ModelLoader loader = new ModelLoader(new ObjectMapper());
    private final ModelLoader.Options oneWorker = new ModelLoader.Options(Optional.empty(), 1, 1);

    @Test
    void theBuiltInMlpTrainedWithDjlServesDjlsOwnNumbers() throws Exception {
        DjlTrainedMlp trained = DjlTrainedMlp.trainInto(dir);
        assertThat(trained.accuracy()).as("training accuracy").isGreaterThan(0.95);
        assertThat(dir.resolve("mlp-0000.params")).isRegularFile();

        try (LoadedModel model = loader.load("blobs", "1", dir, oneWorker)) {
            assertThat(model.engine()).isEqualTo(EngineKind.PYTORCH);
            assertThat(model.signature().inputs().get(0).name()).isEqualTo("input");
            assertThat(model.signature().inputs().get(0).shape()).containsExactly(-1, 4);
            assertThat(model.signature().outputs().get(0).shape()).containsExactly(-1, 3);
            Tensor output = model.predict(List.of(Tensor.of("input",
                    new long[] {DjlTrainedMlp.PROBE_ROWS, DjlTrainedMlp.FEATURES}, DjlTrainedMlp.PROBE))).get(0);
            assertThat(output.name()).isEqualTo("output");
            assertThat(output.shape()).containsExactly(3, 3);
            assertThat((float[]) output.data()).containsExactly(trained.expected(), within(1e-5f));
            float[] values = (float[]) output.data();
            for (int row = 0; row < 3; row++) {
                assertThat(argMax(values, row)).as("class of probe row %d", row).isEqualTo(row);
            }
        }
    }

    @Test
    void paramsWithoutAnArchitectureAreRefusedWithTheFieldToAdd() throws Exception {
        DjlTrainedMlp.trainInto(dir);
        Files.writeString(dir.resolve(ModelManifest.FILE_NAME), "{\"format\": \"pytorch\", \"signature\": "
                + "{\"inputs\": [{\"name\": \"input\", \"datatype\": \"FP32\", \"shape\": [-1, 4]}], "
                + "\"outputs\": [{\"name\": \"output\", \"datatype\": \"FP32\", \"shape\": [-1, 3]}]}}");
        assertThatThrownBy(() -> loader.load("blobs", "1", dir, oneWorker))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("mlp-0000.params holds weights only: give 'architecture' in mlcycle-model.json");
    }

    @Test
    void anArchitectureThatDoesNotMatchTheWeightsIsRefused() throws Exception {
        DjlTrainedMlp.trainInto(dir);
        Files.writeString(dir.resolve(ModelManifest.FILE_NAME), "{\"format\": \"pytorch\", \"architecture\": "
                + "{\"type\": \"mlp\", \"inputs\": 4, \"hidden\": [32], \"outputs\": 3}}");
        assertThatThrownBy(() -> loader.load("blobs", "1", dir, oneWorker))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageStartingWith("PyTorch cannot load mlp-0000.params: the weights do not fit")
                .hasMessageContaining("02Linear_weight=(32, 4)").hasMessageContaining("02Linear_weight=(16, 4)");
    }

    @Test
    void servingOnnxNeverStartsPytorchAsAnAlternativeEngine() {
        assertThat(loader).isNotNull();
        assertThat(Engine.getEngine(EngineKind.ONNXRUNTIME.engineName()).getAlternativeEngine()).isNull();
        // XGBoost is not a DJL engine here at all: xgboost4j serves it (XgboostModel).
        assertThat(Engine.hasEngine(EngineKind.XGBOOST.engineName())).isFalse();
    }

    private static int argMax(float[] values, int row) {
        int best = 0;
        for (int c = 1; c < 3; c++) {
            if (values[row * 3 + c] > values[row * 3 + best]) {
                best = c;
            }
        }
        return best;
    }
}
