package io.mlcycle.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcycle.runtime.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The XGBoost engine on a 3-class softprob model trained here with xgboost4j: same numbers, [n, 3] shape. */
class XgboostModelTest {

    @TempDir
    Path dir;

    @Test
    void multiClassProbabilitiesComeBackAsRowsAndEqualXgboost4js() throws Exception {
        Random random = new Random(3);
        int rows = 300;
        int features = 3;
        float[] data = new float[rows * features];
        float[] labels = new float[rows];
        for (int r = 0; r < rows; r++) {
            for (int f = 0; f < features; f++) {
                data[r * features + f] = (float) random.nextGaussian();
            }
            labels[r] = data[r * features] > 0.5 ? 2 : data[r * features + 1] > 0 ? 1 : 0;
        }
        DMatrix train = new DMatrix(data, rows, features, Float.NaN);
        train.setLabel(labels);
        Map<String, Object> params = new HashMap<>(Map.of("objective", "multi:softprob", "num_class", 3,
                "max_depth", 3, "nthread", 1, "seed", 1));
        Booster booster = XGBoost.train(train, params, 10, new HashMap<>(), null, null);
        booster.saveModel(dir.resolve("model.json").toString());

        float[] probe = {0.9f, -0.2f, 0.1f, -1f, 0.7f, 0.3f};
        float[][] expected = booster.predict(new DMatrix(probe, 2, features, Float.NaN));

        ModelLoader loader = new ModelLoader(new ObjectMapper());
        try (LoadedModel model = loader.load("iris", "2", dir, new ModelLoader.Options(Optional.empty(), 1, 1))) {
            assertThat(model.signature().inputs().get(0).shape()).containsExactly(-1, 3);
            assertThat(model.signature().outputs().get(0).shape()).containsExactly(-1, 3);
            Tensor output = model.predict(List.of(Tensor.of("input", new long[] {2, 3}, probe))).get(0);
            assertThat(output.name()).isEqualTo("output");
            assertThat(output.shape()).containsExactly(2, 3);
            float[] values = (float[]) output.data();
            for (int r = 0; r < 2; r++) {
                for (int c = 0; c < 3; c++) {
                    assertThat((double) values[r * 3 + c]).isCloseTo(expected[r][c], within(1e-6));
                }
            }
        }
    }

    @Test
    void zeroRowsGetAnEmptyAnswerAndAManifestSignatureMustFitTheBooster() throws Exception {
        DMatrix train = new DMatrix(new float[] {1, 2, 3, 4, 5, 6}, 3, 2, Float.NaN);
        train.setLabel(new float[] {0, 1, 2});
        Booster booster = XGBoost.train(train, new HashMap<>(Map.of("objective", "multi:softprob", "num_class", 3)), 2,
                new HashMap<>(), null, null);
        booster.saveModel(dir.resolve("model.json").toString());
        ModelLoader loader = new ModelLoader(new ObjectMapper());
        ModelLoader.Options one = new ModelLoader.Options(Optional.empty(), 1, 1);
        try (LoadedModel model = loader.load("m", "1", dir, one)) {
            Tensor empty = model.predict(List.of(Tensor.of("input", new long[] {0, 2}, new float[0]))).get(0);
            assertThat(empty.shape()).containsExactly(0, 3);
        }
        Files.writeString(dir.resolve(ModelManifest.FILE_NAME), "{\"signature\": {\"inputs\": [{\"name\": \"x\", "
                + "\"datatype\": \"FP32\", \"shape\": [-1, 2]}], \"outputs\": [{\"name\": \"p\", \"datatype\": "
                + "\"FP32\", \"shape\": [-1]}]}}");
        assertThatThrownBy(() -> loader.load("m", "1", dir, one)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("output p FP32 [-1] does not fit what the booster answers, FP32 with 3 value(s)");
        Files.writeString(dir.resolve(ModelManifest.FILE_NAME), "{\"signature\": {\"inputs\": [{\"name\": \"x\", "
                + "\"datatype\": \"FP32\", \"shape\": [-1, 5]}], \"outputs\": [{\"name\": \"p\", \"datatype\": "
                + "\"FP32\", \"shape\": [-1, 3]}]}}");
        assertThatThrownBy(() -> loader.load("m", "1", dir, one)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("does not take rows of the booster's 2 features");
    }

    @Test
    void aManifestMustAgreeWithTheModelsFeatureCount() throws Exception {
        DMatrix train = new DMatrix(new float[] {1, 2, 3, 4}, 2, 2, Float.NaN);
        train.setLabel(new float[] {0, 1});
        Booster booster = XGBoost.train(train, new HashMap<>(Map.of("objective", "binary:logistic")), 1,
                new HashMap<>(), null, null);
        booster.saveModel(dir.resolve("model.json").toString());
        Files.writeString(dir.resolve(ModelManifest.FILE_NAME), "{\"features\": [{\"name\": \"only-one\"}]}");
        ModelLoader loader = new ModelLoader(new ObjectMapper());
        assertThatThrownBy(() -> loader.load("m", "1", dir, new ModelLoader.Options(Optional.empty(), 1, 1)))
                .hasMessageContaining("lists 1 features but the XGBoost model has 2");
    }
}
