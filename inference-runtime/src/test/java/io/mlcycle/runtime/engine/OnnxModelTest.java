package io.mlcycle.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcycle.runtime.tensor.Datatype;
import io.mlcycle.runtime.tensor.Tensor;
import io.mlcycle.runtime.tensor.TensorSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ONNX Runtime through DJL, offline, on a linear model written byte by byte. */
class OnnxModelTest {

    private static final float[][] W = {{1, 2}, {3, 4}, {5, 6}};
    private static final float[] B = {0.5f, -1};

    @TempDir
    Path dir;

    @Test
    void readsTheSignatureFromTheGraphAndPredictsFromManyThreads() throws Exception {
        Files.write(dir.resolve("model.onnx"), OnnxModelWriter.linear(W, B));
        ModelLoader loader = new ModelLoader(new ObjectMapper());
        try (LoadedModel model = loader.load("linear", "1", dir, new ModelLoader.Options(Optional.empty(), 2, 1))) {
            assertThat(model.engine()).isEqualTo(EngineKind.ONNXRUNTIME);
            TensorSpec input = model.signature().inputs().get(0);
            assertThat(input.name()).isEqualTo("x");
            assertThat(input.datatype()).isEqualTo(Datatype.FP32);
            assertThat(input.shape()).containsExactly(-1, 3);
            assertThat(model.signature().outputs().get(0).shape()).containsExactly(-1, 2);

            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> runs = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int seed = t;
                    runs.add(pool.submit(() -> {
                        for (int i = 0; i < 25; i++) {
                            checkPrediction(model, seed + i);
                        }
                        return null;
                    }));
                }
                for (Future<?> run : runs) {
                    run.get();
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    private static void checkPrediction(LoadedModel model, int seed) {
        float[] x = {seed, 1, -seed * 0.5f, 2, 0, 1};
        List<Tensor> out = model.predict(List.of(Tensor.of("x", new long[] {2, 3}, x)));
        Tensor y = out.get(0);
        assertThat(y.name()).isEqualTo("y");
        assertThat(y.shape()).containsExactly(2, 2);
        float[] values = (float[]) y.data();
        for (int row = 0; row < 2; row++) {
            for (int col = 0; col < 2; col++) {
                double expected = B[col];
                for (int k = 0; k < 3; k++) {
                    expected += x[row * 3 + k] * W[k][col];
                }
                assertThat((double) values[row * 2 + col]).isCloseTo(expected, within(1e-5));
            }
        }
    }

    @Test
    void saysWhenAFileIsNotAnOnnxModel() throws IOException {
        Files.writeString(dir.resolve("model.onnx"), "not protobuf");
        ModelLoader loader = new ModelLoader(new ObjectMapper());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> loader.load("bad", "1", dir,
                new ModelLoader.Options(Optional.empty(), 1, 1)))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("ONNX Runtime cannot read model.onnx");
    }
}
