package io.mlcycle.runtime.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcycle.runtime.artifact.ArchiveExtractor;
import io.mlcycle.runtime.artifact.ArtifactStore;
import io.mlcycle.runtime.artifact.HostPolicy;
import io.mlcycle.runtime.artifact.LocalFetcher;
import io.mlcycle.runtime.artifact.Sha256;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlcycle.runtime.artifact.TarGzArtifact;
import io.mlcycle.runtime.engine.ModelLoader;
import io.mlcycle.runtime.engine.ModelManifest;
import io.mlcycle.runtime.engine.XgboostWriters;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Validate mode's checks on real artifacts: a good XGBoost model, a wrong digest, an unloadable file, golden examples
 * answered and not.
 */
class ModelValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private Path terminationLog;
    private ModelValidator validator;

    @BeforeEach
    void setUp() throws Exception {
        terminationLog = Files.createFile(dir.resolve("termination-log"));
        LocalFetcher local = new LocalFetcher(dir.resolve("pvc"));
        ArtifactStore store = new ArtifactStore(dir.resolve("cache"), HostPolicy.strict(), Map.of("file", local),
                new ArchiveExtractor(1 << 24, 100));
        validator = new ModelValidator(store, new ModelLoader(new ObjectMapper()),
                new TerminationLog(terminationLog, new PrintStream(stdout, true, StandardCharsets.UTF_8)));
    }

    private ModelValidator.Result validate(Path artifact, String sha256) {
        return validator.validate(new ModelValidator.Request(Optional.of(artifact.toUri().toString()),
                Optional.of(sha256), "churn", "4", new ModelLoader.Options(Optional.empty(), 1, 1)));
    }

    private String message() throws Exception {
        return Files.readString(terminationLog);
    }

    @Test
    void aGoodArtifactIsValidAndSaysWhatItRan() throws Exception {
        Path model = SmallXgboostModel.write(dir.resolve("model"));

        assertThat(validate(model, Sha256.of(model))).isEqualTo(ModelValidator.Result.VALID);
        assertThat(message()).startsWith("valid churn:4: sha256 " + Sha256.of(model))
                .contains("engine XGBoost").contains("outputs output [1]").doesNotContain("\n");
        assertThat(stdout.toString(StandardCharsets.UTF_8)).isEqualTo(message() + System.lineSeparator());
    }

    @Test
    void aWrongDigestIsRefusedBeforeLoading() throws Exception {
        Path model = SmallXgboostModel.write(dir.resolve("model"));
        String wrong = "0".repeat(64);

        ModelValidator.Result result = validate(model, wrong);
        assertThat(result).isEqualTo(ModelValidator.Result.ARTIFACT_FAILED);
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(message()).startsWith("invalid churn:4: sha256 mismatch: artifact ")
                .contains("but " + wrong + " was expected");
    }

    @Test
    void anUnloadableFileFailsWithTheEnginesReason() throws Exception {
        Path garbage = Files.write(dir.resolve("model.onnx"), "not an onnx graph".getBytes(StandardCharsets.UTF_8));

        ModelValidator.Result result = validate(garbage, Sha256.of(garbage));
        assertThat(result).isEqualTo(ModelValidator.Result.LOAD_FAILED);
        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(message()).startsWith("invalid churn:4: cannot load: ").contains("model.onnx");
    }

    @Test
    void missingSettingsAreReportedAndNothingIsWrittenWithoutATerminationFile() throws Exception {
        Files.delete(terminationLog);
        ModelValidator.Result result = validator.validate(new ModelValidator.Request(Optional.empty(),
                Optional.empty(), "churn", "4", new ModelLoader.Options(Optional.empty(), 1, 1)));
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("model-uri and mlcycle.runtime.sha256");
        assertThat(terminationLog).doesNotExist();
    }

    /** The regression model (base_score ≈ 1000) Python's xgboost 3.2.0 wrote, with its golden examples, packed. */
    private Path writtenRegression(double alterFirstAnswerBy) throws Exception {
        XgboostWriters.WrittenModel written = XgboostWriters.models(XgboostWriters.PYTHON.get(
                XgboostWriters.PYTHON.size() - 1)).stream()
                .filter(m -> m.modelCase().equals("regression") && m.format().equals("json")).findFirst().orElseThrow();
        Path folder = Files.createDirectories(dir.resolve("regression"));
        Path model = Files.copy(written.file(), folder.resolve("model.json"));
        ObjectNode manifest = (ObjectNode) JSON.readTree(written.file().resolveSibling(ModelManifest.FILE_NAME)
                .toFile());
        ArrayNode answers = (ArrayNode) manifest.at("/examples/outputs/0/data");
        answers.set(0, answers.get(0).asDouble() + alterFirstAnswerBy);
        Path manifestFile = folder.resolve(ModelManifest.FILE_NAME);
        JSON.writeValue(manifestFile.toFile(), manifest);
        return TarGzArtifact.pack(dir.resolve("regression.tar.gz"), "regression", List.of(model, manifestFile));
    }

    @Test
    void aModelThatAnswersItsGoldenExamplesIsValidAndSaysSo() throws Exception {
        Path artifact = writtenRegression(0);
        assertThat(validate(artifact, Sha256.of(artifact))).isEqualTo(ModelValidator.Result.VALID);
        assertThat(message()).startsWith("valid churn:4: ").contains("engine XGBoost")
                .contains("golden examples: 6 example values agree");
    }

    @Test
    void aModelThatAnswersDifferentlyFromItsWriterIsInvalidNamingTheRowAndTheDifference() throws Exception {
        Path artifact = writtenRegression(-1000);
        ModelValidator.Result result = validate(artifact, Sha256.of(artifact));
        assertThat(result).isEqualTo(ModelValidator.Result.WRONG_ANSWERS);
        assertThat(result.exitCode()).isEqualTo(6);
        assertThat(message()).startsWith("invalid churn:4: wrong answers: 1 of 6 example values differ from the "
                + "writer's; worst: output 'output' row 0 value 0").contains("difference 1.00e+03");
    }
}
