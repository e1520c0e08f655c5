package io.mlcycle.trainer.settings;

import io.mlcycle.runtime.artifact.ArtifactException;
import io.mlcycle.runtime.artifact.Sha256;
import io.mlcycle.trainer.ExitCode;
import io.mlcycle.trainer.TrainerFailure;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything one run needs, from the environment the operator gives the training pod. Checked as a whole before
 * anything is fetched, so a TrainingJob with a typo fails in a second with exit code 2, naming the variable.
 *
 * @param features the input columns in order; empty means every column except the target
 */
public record TrainerSettings(String trainingJob, String modelName, String datasetUri, Optional<String> datasetSha256,
        String outputUri, Algorithm algorithm, Task task, String target, List<String> features,
        Hyperparameters hyperparameters) {

    public static final String TRAINING_JOB = "MLCYCLE_TRAINING_JOB";
    public static final String MODEL_NAME = "MLCYCLE_MODEL_NAME";
    public static final String DATASET_URI = "MLCYCLE_DATASET_URI";
    public static final String DATASET_SHA256 = "MLCYCLE_DATASET_SHA256";
    public static final String DATASET_FORMAT = "MLCYCLE_DATASET_FORMAT";
    public static final String OUTPUT_URI = "MLCYCLE_OUTPUT_URI";
    public static final String ALGORITHM = "MLCYCLE_ALGORITHM";
    public static final String TASK = "MLCYCLE_TASK";
    public static final String TARGET = "MLCYCLE_TARGET";
    public static final String FEATURES = "MLCYCLE_FEATURES";
    public static final String HYPERPARAMETERS = "MLCYCLE_HYPERPARAMETERS";

    /** ModelVersion.spec.features holds at most this many; more could never be registered. */
    public static final int MAX_FEATURES = 256;

    private static final Set<String> DATASET_SCHEMES = Set.of("s3", "http", "https", "file");
    private static final Set<String> OUTPUT_SCHEMES = Set.of("s3", "file");

    public TrainerSettings {
        features = List.copyOf(features);
    }

    /** Reads and checks the contract; every problem is a {@link TrainerFailure} with exit code 2. */
    public static TrainerSettings from(Map<String, String> env) {
        List<String> missing = new ArrayList<>();
        for (String key : List.of(DATASET_URI, OUTPUT_URI, ALGORITHM, TARGET)) {
            if (value(env, key).isEmpty()) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            throw invalid("missing " + String.join(", ", missing) + " (the trainer contract: see trainer/README.md)");
        }
        String format = value(env, DATASET_FORMAT).orElse("csv").toLowerCase(Locale.ROOT);
        if (format.equals("parquet")) {
            throw invalid(DATASET_FORMAT + "=parquet is not supported by the builtin trainer yet; give the dataset as "
                    + "CSV with a header row, or use a custom trainer image");
        }
        if (!format.equals("csv")) {
            throw invalid(DATASET_FORMAT + "=" + format + " is not a dataset format (csv, parquet)");
        }
        String datasetUri = uri(env, DATASET_URI, DATASET_SCHEMES);
        String outputUri = uri(env, OUTPUT_URI, OUTPUT_SCHEMES);
        Optional<String> sha256 = value(env, DATASET_SHA256).map(text -> {
            try {
                return Sha256.normalize(text);
            } catch (ArtifactException e) {
                throw invalid(DATASET_SHA256 + ": " + e.getMessage());
            }
        });
        Algorithm algorithm = Algorithm.parse(value(env, ALGORITHM).get());
        Task task = value(env, TASK).map(Task::parse).orElse(Task.CLASSIFICATION);
        String target = value(env, TARGET).get();
        List<String> features = features(value(env, FEATURES).orElse(""), target);
        Hyperparameters hyperparameters = Hyperparameters.parse(env.get(HYPERPARAMETERS));
        return new TrainerSettings(value(env, TRAINING_JOB).orElse(""), value(env, MODEL_NAME).orElse(""),
                datasetUri, sha256, outputUri, algorithm, task, target, features, hyperparameters);
    }

    private static List<String> features(String text, String target) {
        Set<String> features = new LinkedHashSet<>();
        for (String part : text.split(",")) {
            String name = part.trim();
            if (name.isEmpty()) {
                continue;
            }
            if (!features.add(name)) {
                throw invalid(FEATURES + " names column '" + name + "' twice");
            }
        }
        if (features.contains(target)) {
            throw invalid(FEATURES + " contains the target column '" + target + "'");
        }
        if (features.size() > MAX_FEATURES) {
            throw invalid(FEATURES + " names " + features.size() + " columns; a ModelVersion holds at most "
                    + MAX_FEATURES + " features");
        }
        return List.copyOf(features);
    }

    private static String uri(Map<String, String> env, String key, Set<String> schemes) {
        String text = value(env, key).get();
        String scheme;
        try {
            scheme = Optional.ofNullable(new URI(text).getScheme()).orElse("").toLowerCase(Locale.ROOT);
        } catch (URISyntaxException e) {
            throw invalid(key + " '" + text + "' is not a URI: " + e.getReason());
        }
        if (!schemes.contains(scheme)) {
            throw invalid(key + " '" + text + "' must start with one of "
                    + schemes.stream().sorted().map(s -> s + "://").toList());
        }
        return text;
    }

    private static Optional<String> value(Map<String, String> env, String key) {
        return Optional.ofNullable(env.get(key)).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static TrainerFailure invalid(String message) {
        return new TrainerFailure(ExitCode.INVALID_SETTINGS, message);
    }
}
