package io.mlcycle.trainer.champion;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mlcycle.runtime.artifact.ArchiveExtractor;
import io.mlcycle.runtime.artifact.ArtifactException;
import io.mlcycle.runtime.artifact.Sha256;
import io.mlcycle.runtime.engine.ModelManifest;
import io.mlcycle.trainer.TrainerFailure;
import io.mlcycle.trainer.data.DatasetFetcher;
import io.mlcycle.trainer.data.EncodedDataset;
import io.mlcycle.trainer.data.Feature;
import io.mlcycle.trainer.metrics.ModelOutputs;
import io.mlcycle.trainer.metrics.ValidationMetrics;
import io.mlcycle.trainer.output.ManifestJson;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * The champion's metrics on this run's validation rows: the artifact named by {@value #URI} (the version a retrain
 * replaces; its digest in {@value #SHA256}) is fetched, unpacked and, when it is an XGBoost model of the same task and
 * features (names, types and categories, so the codes mean the same), asked for the validation rows' answers, which
 * are scored as the new model's are. The figures go beside the new model's as {@code champion_<metric>}, where the
 * operator's approval gate compares them. A champion that cannot be scored (another format, other features, a fetch
 * that fails) fails nothing: the run says why and the gate, missing its figures, leaves the version for a person.
 */
public final class ChampionScore {

    public static final String URI = "MLCYCLE_CHAMPION_URI";
    public static final String SHA256 = "MLCYCLE_CHAMPION_SHA256";
    /** Prefix of the champion's figures among the metrics. */
    public static final String PREFIX = "champion_";
    private static final long MAX_UNPACKED = 1L << 30;

    /** The champion's figures, or why there are none. */
    public record Outcome(Optional<ValidationMetrics> metrics, String note) {
    }

    private final DatasetFetcher fetcher;
    private final ObjectMapper json;

    public ChampionScore(DatasetFetcher fetcher, ObjectMapper json) {
        this.fetcher = fetcher;
        this.json = json;
    }

    /** Whether the environment names a champion. */
    public static Optional<String> uri(Map<String, String> env) {
        return Optional.ofNullable(env.get(URI)).map(String::trim).filter(v -> !v.isEmpty());
    }

    /** Scores the champion at {@code uri} on {@code validation}, encoded as this run encodes {@code features}. */
    public Outcome score(String uri, Optional<String> sha256, List<Feature> features, EncodedDataset validation,
            Path work) {
        Path archive;
        try {
            archive = fetcher.fetch(uri, sha256.map(ChampionScore::normalized), work).file();
        } catch (TrainerFailure | IllegalArgumentException e) {
            return none("cannot fetch the champion " + uri + ": " + e.getMessage());
        }
        Path dir = work.resolve("champion");
        JsonNode manifest;
        try {
            Files.createDirectories(dir);
            new ArchiveExtractor(MAX_UNPACKED, 100).extract(archive, ArchiveExtractor.Format.TAR_GZ, dir);
            manifest = json.readTree(dir.resolve(ModelManifest.FILE_NAME).toFile());
        } catch (IOException | RuntimeException e) {
            return none("cannot unpack the champion " + uri + ": " + e.getMessage());
        }
        if (!"xgboost".equals(manifest.path("format").asText())) {
            return none("the champion is a " + manifest.path("format").asText() + " model; only xgboost champions "
                    + "are scored");
        }
        if (!manifest.path("features").equals(ManifestJson.features(features, true))) {
            return none("the champion's features " + manifest.path("features") + " are not this run's "
                    + ManifestJson.features(features, true) + ": its answers would not be comparable");
        }
        Path modelFile = dir.resolve(manifest.path("file").asText());
        String objective;
        try {
            objective = json.readTree(modelFile.toFile()).path("learner").path("objective").path("name").asText();
        } catch (IOException e) {
            return none("cannot read the champion's model file: " + e.getMessage());
        }
        String wanted = objective(validation);
        if (!wanted.equals(objective)) {
            return none("the champion is a " + objective + " model, this run's task needs " + wanted);
        }
        float[][] answers;
        try (InputStream model = Files.newInputStream(modelFile)) {
            Booster booster = XGBoost.loadModel(model);
            DMatrix rows = new DMatrix(validation.inputs(), validation.rows(), validation.width(), Float.NaN);
            try {
                answers = booster.predict(rows);
            } finally {
                rows.dispose();
                booster.dispose();
            }
        } catch (IOException | XGBoostError e) {
            return none("cannot run the champion: " + e.getMessage());
        }
        int width = answers.length == 0 ? 0 : answers[0].length;
        boolean classification = validation.target().isClassification();
        int expected = !classification || validation.target().classCount() == 2 ? 1
                : validation.target().classCount();
        if (width != expected) {
            return none("the champion answers " + width + " numbers a row, this run's classes need " + expected);
        }
        float[] flat = new float[answers.length * width];
        for (int r = 0; r < answers.length; r++) {
            System.arraycopy(answers[r], 0, flat, r * width, width);
        }
        ModelOutputs outputs = new ModelOutputs(flat, width, classification ? ModelOutputs.Kind.PROBABILITIES
                : ModelOutputs.Kind.VALUES);
        ValidationMetrics metrics = classification
                ? ValidationMetrics.classification(outputs, validation.classLabels())
                : ValidationMetrics.regression(outputs, validation.labels());
        return new Outcome(Optional.of(metrics), "champion " + uri + " on the same validation rows: "
                + metrics.values());
    }

    /** The XGBoost objective this run's task trains with (the trainer's own choice, see XgboostTrainer). */
    private static String objective(EncodedDataset rows) {
        if (!rows.target().isClassification()) {
            return "reg:squarederror";
        }
        return rows.target().classCount() == 2 ? "binary:logistic" : "multi:softprob";
    }

    /** The new model's metrics with the champion's beside them, {@code champion_}-prefixed. */
    public static ValidationMetrics beside(ValidationMetrics challenger, ValidationMetrics champion) {
        Map<String, Double> values = new LinkedHashMap<>(challenger.values());
        champion.values().forEach((name, value) -> values.put(PREFIX + name, value));
        return new ValidationMetrics(values, challenger.headline());
    }

    private static String normalized(String sha256) {
        try {
            return Sha256.normalize(sha256);
        } catch (ArtifactException e) {
            throw new IllegalArgumentException(SHA256 + ": " + e.getMessage(), e);
        }
    }

    private static Outcome none(String why) {
        return new Outcome(Optional.empty(), why);
    }
}
