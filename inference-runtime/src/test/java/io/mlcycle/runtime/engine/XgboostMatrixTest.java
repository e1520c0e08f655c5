package io.mlcycle.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcycle.runtime.engine.XgboostWriters.WrittenModel;
import io.mlcycle.runtime.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every model every XGBoost release in use writes (Python 1.7 to 3.2: regression with base_score ≈ 1000, imbalanced
 * binary with NaN, softprob, softmax, Poisson, native categorical; xgboost4j 2.0, 2.1 and 3.0: the same without
 * categorical; JSON, UBJSON and the legacy binary where the release still writes it) is answered as that release
 * answers it, within 1e-6 relative or 1 ulp.
 */
class XgboostMatrixTest {

    private static final ModelLoader LOADER = new ModelLoader(new ObjectMapper());

    @TempDir
    Path dir;

    private static final ModelLoader.Options ONE_WORKER = new ModelLoader.Options(Optional.empty(), 1, 1);

    @TestFactory
    Stream<DynamicTest> everyJsonAndUbjsonModelAnswersAsItsWriterDoes() {
        List<WrittenModel> models = written().filter(m -> !m.format().equals("bst")).toList();
        // Six cases from each Python release, five (no categorical) from each xgboost4j, in two formats.
        assertThat(models).hasSize((XgboostWriters.PYTHON.size() * 6 + XgboostWriters.JVM.size() * 5) * 2);
        return models.stream()
                .map(written -> DynamicTest.dynamicTest(written.toString(), () -> answersAsTheWriter(written)));
    }

    private static Stream<WrittenModel> written() {
        return XgboostWriters.ALL.stream().flatMap(writer -> XgboostWriters.models(writer).stream());
    }

    private Path alone(WrittenModel written) throws Exception {
        Path modelDir = Files.createDirectories(dir.resolve(written.toString().replace(' ', '-')));
        Files.copy(written.file(), modelDir.resolve(written.file().getFileName()));
        return modelDir;
    }

    private void answersAsTheWriter(WrittenModel written) throws Exception {
        try (LoadedModel model = LOADER.load("m", "1", alone(written), ONE_WORKER)) {
            assertThat(model.signature().inputs().get(0).shape()).containsExactly(-1, written.features());
            Tensor input = Tensor.of("input", new long[] {written.rows(), written.features()}, written.data());
            Tensor output = model.predict(List.of(input)).get(0);
            assertThat(output.shape()).as("output shape").containsExactly(written.shape());
            written.assertAnswers((float[]) output.data());
        }
    }

    @TestFactory
    Stream<DynamicTest> theLegacyBinaryFormatIsRefusedAtLoadSayingSoAndHowToConvert() {
        List<WrittenModel> binaries = written().filter(m -> m.format().equals("bst")).toList();
        // Releases up to 3.0 still write it (never for categorical splits); 3.1 on cannot.
        assertThat(binaries).extracting(m -> m.writer().release()).contains("1.7.6", "2.0.3", "2.1.4", "3.0.5")
                .doesNotContain("3.1.3", "3.2.0");
        return binaries.stream().map(written -> DynamicTest.dynamicTest(written.toString(), () -> {
            Path modelDir = alone(written);
            assertRefusedAsNotJsonOrUbjson(modelDir);
        }));
    }

    @Test
    void aFileThatIsNoModelAtAllIsRefusedTheSameWay() throws Exception {
        Files.writeString(dir.resolve("model.bst"), "certainly not a booster");
        assertRefusedAsNotJsonOrUbjson(dir);
    }

    private static void assertRefusedAsNotJsonOrUbjson(Path modelDir) {
        assertThatThrownBy(() -> LOADER.load("m", "1", modelDir, ONE_WORKER))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("model.bst is not an XGBoost JSON or UBJSON model")
                .hasMessageContaining("no longer reads the legacy binary format")
                .hasMessageContaining("save_model(\"model.json\")");
    }
}
