package io.mlcycle.runtime.validate;

import io.mlcycle.runtime.artifact.ArtifactException;
import io.mlcycle.runtime.artifact.ArtifactStore;
import io.mlcycle.runtime.engine.ModelLoader;
import io.mlcycle.runtime.engine.GoldenExamples;
import io.mlcycle.runtime.engine.LoadedModel;
import io.mlcycle.runtime.engine.ModelLoadException;
import io.mlcycle.runtime.tensor.Shapes;
import io.mlcycle.runtime.tensor.Tensor;
import io.mlcycle.runtime.tensor.TensorSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Checks that a model artifact can be served: fetch it, verify its SHA-256, load it, run one inference built from
 * its signature (zeros of each input's datatype, variable dimensions set to 1), check every declared output came
 * back and, when the manifest has golden examples, that the model answers them as their writer did. Answers an
 * exit code and a one-line message, written to the termination log.
 */
public final class ModelValidator {

    /** Exit codes of validate mode, so a Job's status says which step failed. */
    public enum Result {
        VALID(0), BAD_SETTINGS(2), ARTIFACT_FAILED(3), LOAD_FAILED(4), INFERENCE_FAILED(5), WRONG_ANSWERS(6);

        private final int exitCode;

        Result(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    /** What to validate. */
    public record Request(Optional<String> uri, Optional<String> sha256, String name, String version,
            ModelLoader.Options options) {
    }

    private final ArtifactStore artifacts;
    private final ModelLoader loader;
    private final TerminationLog log;

    public ModelValidator(ArtifactStore artifacts, ModelLoader loader, TerminationLog log) {
        this.artifacts = artifacts;
        this.loader = loader;
        this.log = log;
    }

    /** Validates, writes the one-line outcome to the termination log and returns it. */
    public Result validate(Request request) {
        String model = request.name() + ":" + request.version();
        if (request.uri().isEmpty() || request.sha256().isEmpty()) {
            return finish(Result.BAD_SETTINGS, "invalid " + model + ": mlcycle.runtime.model-uri and "
                    + "mlcycle.runtime.sha256 must both be set");
        }
        Path dir;
        try {
            dir = artifacts.fetch(request.uri().get(), request.sha256().get());
        } catch (ArtifactException | IllegalArgumentException e) {
            return finish(Result.ARTIFACT_FAILED, "invalid " + model + ": " + reason(e));
        }
        LoadedModel loaded;
        try {
            loaded = loader.load(request.name(), request.version(), dir, request.options());
        } catch (RuntimeException | Error e) {
            return finish(Result.LOAD_FAILED, "invalid " + model + ": cannot load: " + reason(e));
        }
        try (loaded) {
            List<Tensor> outputs = loaded.predict(sampleInputs(loaded));
            List<String> missing = loaded.signature().outputs().stream().map(TensorSpec::name)
                    .filter(name -> Tensor.named(outputs, name).isEmpty()).toList();
            if (!missing.isEmpty()) {
                return finish(Result.INFERENCE_FAILED, "invalid " + model + ": inference returned no " + missing);
            }
            Optional<GoldenExamples> examples = loaded.manifest().examples();
            Optional<GoldenExamples.Outcome> answers;
            try {
                answers = examples.map(e -> e.check(loaded));
            } catch (ModelLoadException e) {
                return finish(Result.WRONG_ANSWERS, "invalid " + model + ": golden examples do not fit the model: "
                        + reason(e));
            }
            if (answers.isPresent() && !answers.get().agrees()) {
                return finish(Result.WRONG_ANSWERS, "invalid " + model + ": wrong answers: "
                        + answers.get().describe());
            }
            return finish(Result.VALID, "valid " + model + ": sha256 " + request.sha256().get() + ", engine "
                    + loaded.engine().engineName() + ", inputs " + describe(loaded.signature().inputs()) + ", outputs "
                    + outputs.stream().map(t -> t.name() + " " + Shapes.format(t.shape()))
                            .collect(Collectors.joining(", "))
                    + answers.map(a -> ", golden examples: " + a.describe()).orElse(", no golden examples"));
        } catch (RuntimeException | Error e) {
            return finish(Result.INFERENCE_FAILED, "invalid " + model + ": inference failed: " + reason(e));
        }
    }

    private static List<Tensor> sampleInputs(LoadedModel model) {
        List<Tensor> inputs = new ArrayList<>();
        for (TensorSpec spec : model.signature().inputs()) {
            inputs.add(Tensor.zeros(spec.name(), spec.datatype(), spec.minimalShape()));
        }
        return inputs;
    }

    private static String describe(List<TensorSpec> specs) {
        return specs.stream().map(TensorSpec::toString).collect(Collectors.joining(", "));
    }

    private static String reason(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private Result finish(Result result, String message) {
        log.write(message);
        return result;
    }
}
