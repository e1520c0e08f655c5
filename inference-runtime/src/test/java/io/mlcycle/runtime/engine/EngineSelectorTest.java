package io.mlcycle.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcycle.runtime.tensor.Datatype;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Engine choice: explicit setting, then manifest, then files; ambiguity and escapes refused. */
class EngineSelectorTest {

    private final EngineSelector selector = new EngineSelector(new ObjectMapper());

    @TempDir
    Path dir;

    @Test
    void choosesByFileExtensionWhenNothingElseSays() throws IOException {
        Files.writeString(dir.resolve("model.onnx"), "x");
        EngineSelector.Selection selection = selector.select(Optional.empty(), dir);
        assertThat(selection.engine()).isEqualTo(EngineKind.ONNXRUNTIME);
        assertThat(selection.modelFile()).isEqualTo(dir.resolve("model.onnx"));
    }

    @Test
    void manifestFormatBeatsFilesAndExplicitBeatsManifest() throws IOException {
        Files.writeString(dir.resolve("model.onnx"), "x");
        Files.writeString(dir.resolve("model.pt"), "x");
        assertThatThrownBy(() -> selector.select(Optional.empty(), dir)).hasMessageContaining("several engines");
        Files.writeString(dir.resolve(ModelManifest.FILE_NAME), "{\"format\": \"pytorch\"}");
        assertThat(selector.select(Optional.empty(), dir).engine()).isEqualTo(EngineKind.PYTORCH);
        assertThat(selector.select(Optional.of(EngineKind.ONNXRUNTIME), dir).modelFile())
                .isEqualTo(dir.resolve("model.onnx"));
    }

    @Test
    void descendsIntoAnArchivesSingleTopFolderAndPrefersModelJson() throws IOException {
        Path top = Files.createDirectories(dir.resolve("churn"));
        Files.writeString(top.resolve("model.json"), "{}");
        Files.writeString(top.resolve("metrics.json"), "{}");
        EngineSelector.Selection selection = selector.select(Optional.empty(), dir);
        assertThat(selection.engine()).isEqualTo(EngineKind.XGBOOST);
        assertThat(selection.modelFile()).isEqualTo(top.resolve("model.json"));
    }

    @Test
    void readsTheManifestsFileAndSignatureAndRefusesFilesOutsideTheDirectory() throws IOException {
        Files.writeString(dir.resolve("weights.bin"), "x");
        Files.writeString(dir.resolve(ModelManifest.FILE_NAME), """
                {"format": "onnx", "file": "weights.bin",
                 "signature": {"inputs": [{"name": "x", "datatype": "INT64", "shape": [-1, 3]}],
                               "outputs": [{"name": "y", "datatype": "FP32", "shape": [-1]}]},
                 "features": [{"name": "a"}, {"name": "b", "type": "categorical"}]}
                """);
        EngineSelector.Selection selection = selector.select(Optional.empty(), dir);
        assertThat(selection.engine()).isEqualTo(EngineKind.ONNXRUNTIME);
        assertThat(selection.modelFile()).isEqualTo(dir.resolve("weights.bin"));
        assertThat(selection.manifest().signature().orElseThrow().inputs().get(0).datatype()).isEqualTo(Datatype.INT64);
        assertThat(selection.manifest().features()).extracting(ModelManifest.Feature::type)
                .containsExactly("numeric", "categorical");

        Files.writeString(dir.resolve(ModelManifest.FILE_NAME), "{\"file\": \"../etc/passwd\"}");
        assertThatThrownBy(() -> selector.select(Optional.empty(), dir)).hasMessageContaining("not a file inside");
        Files.writeString(dir.resolve(ModelManifest.FILE_NAME),
                "{\"signature\": {\"inputs\": [{\"name\": \"x\", \"datatype\": \"FP31\", \"shape\": [1]}], \"outputs\": []}}");
        assertThatThrownBy(() -> selector.select(Optional.empty(), dir)).hasMessageContaining("unknown datatype 'FP31'");
    }

    @Test
    void saysWhatIsMissing() {
        assertThatThrownBy(() -> selector.select(Optional.empty(), dir)).hasMessageContaining("no model file");
        assertThatThrownBy(() -> EngineKind.parse("tensorflow")).hasMessageContaining("unknown engine");
        assertThat(EngineKind.parse("auto")).isEmpty();
    }
}
