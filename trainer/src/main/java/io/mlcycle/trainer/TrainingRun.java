package io.mlcycle.trainer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlcycle.runtime.artifact.Sha256;
import io.mlcycle.runtime.engine.ModelManifest;
import io.mlcycle.trainer.champion.ChampionScore;
import io.mlcycle.trainer.data.CsvTable;
import io.mlcycle.trainer.data.DatasetEncoder;
import io.mlcycle.trainer.data.DatasetFetcher;
import io.mlcycle.trainer.data.EncodedDataset;
import io.mlcycle.trainer.data.Feature;
import io.mlcycle.trainer.data.FetchedDataset;
import io.mlcycle.trainer.data.ShuffleSplit;
import io.mlcycle.trainer.metrics.ValidationMetrics;
import io.mlcycle.trainer.output.ManifestJson;
import io.mlcycle.trainer.output.ModelArchive;
import io.mlcycle.trainer.output.OutputLocation;
import io.mlcycle.trainer.output.ResultSummary;
import io.mlcycle.trainer.profile.ReferenceProfile;
import io.mlcycle.trainer.profile.ReferenceProfileBuilder;
import io.mlcycle.trainer.settings.Algorithm;
import io.mlcycle.trainer.settings.Hyperparameters;
import io.mlcycle.trainer.settings.TrainerSettings;
import io.mlcycle.trainer.train.MlpTrainer;
import io.mlcycle.trainer.train.ModelTrainer;
import io.mlcycle.trainer.train.ProgressReporter;
import io.mlcycle.trainer.train.TrainedModel;
import io.mlcycle.trainer.train.XgboostTrainer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One training, start to end: settings and hyperparameters checked, output location parsed, dataset fetched and
 * verified, parsed, encoded and split, the model trained and evaluated on the validation rows, the reference profile
 * taken from the training rows, the champion (the version a retrain replaces) scored on the same validation rows when
 * one is named, and the four output files written ({@code mlcycle-result.json} last, so its presence
 * means the others are complete).
 */
public final class TrainingRun {

    public static final String ARTIFACT = "model.tar.gz";
    public static final String PROFILE = "reference-profile.json";
    public static final String METRICS = "metrics.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> env;
    private final PrintStream out;
    private final DatasetFetcher fetcher;

    public TrainingRun(Map<String, String> env, PrintStream out, DatasetFetcher fetcher) {
        this.env = Map.copyOf(env);
        this.out = out;
        this.fetcher = fetcher;
    }

    public ResultSummary run() {
        TrainerSettings settings = TrainerSettings.from(env);
        Hyperparameters hyperparameters = settings.hyperparameters();
        ModelTrainer trainer = trainerFor(settings.algorithm(), hyperparameters);
        double validationFraction = hyperparameters.number("validation_fraction", 0.2, 0, 1);
        int seed = hyperparameters.integer("seed", 42, Integer.MIN_VALUE, Integer.MAX_VALUE);
        OutputLocation output = OutputLocation.of(settings.outputUri(), env);
        // The dataset URI is logged once fetched, without its query string (a pre-signed URL's secret).
        log("training job %s, model %s: %s %s of '%s'; writing to %s", orDash(settings.trainingJob()),
                orDash(settings.modelName()), settings.algorithm().json(), settings.task().json(), settings.target(),
                output);
        log("algorithm: %s", trainer);
        if (settings.algorithm() == Algorithm.XGBOOST && !XgboostTrainer.ignoredKeys(hyperparameters).isEmpty()) {
            log("hyperparameters %s are the mlp's; xgboost ignores them", XgboostTrainer.ignoredKeys(hyperparameters));
        }

        Path work = workDir();
        try {
            FetchedDataset dataset = fetcher.fetch(settings.datasetUri(), settings.datasetSha256(), work);
            log("dataset %s: %d bytes, sha256 %s%s", dataset.uri(), dataset.size(), dataset.sha256(),
                    settings.datasetSha256().isPresent() ? " (as declared)" : "");
            CsvTable table = CsvTable.read(dataset.file());
            DatasetEncoder.Encoding encoding = DatasetEncoder.encode(table, settings.target(), settings.features(),
                    settings.task());
            EncodedDataset all = encoding.dataset();
            log("%d rows%s, %d features: %s", all.rows(), encoding.rowsWithoutTarget() == 0 ? ""
                    : " (" + encoding.rowsWithoutTarget() + " more left out: their target is missing)",
                    all.width(), describe(all.features()));
            if (all.target().isClassification()) {
                log("%d classes of '%s', in code order: %s", all.target().classCount(), all.target().name(),
                        all.target().classes());
            }
            ShuffleSplit.Split split = ShuffleSplit.of(all.rows(), validationFraction, seed);
            EncodedDataset training = all.selectRows(split.training());
            EncodedDataset validation = all.selectRows(split.validation());
            log("split with seed %d: %d training rows, %d validation rows", seed, training.rows(),
                    validation.rows());

            EncodedDataset validationInputs = trainer.inputsFor(validation);
            long start = System.nanoTime();
            TrainedModel model = trainer.train(trainer.inputsFor(training), validationInputs,
                    new ProgressReporter(out));
            log("trained in %.1f s", (System.nanoTime() - start) / 1e9);
            ValidationMetrics metrics = all.target().isClassification()
                    ? ValidationMetrics.classification(model.validationOutputs(), validation.classLabels())
                    : ValidationMetrics.regression(model.validationOutputs(), validation.labels());
            log("validation metrics: %s (headline %s)", metrics.values(), metrics.headline());
            Optional<String> champion = ChampionScore.uri(env);
            if (champion.isPresent()) {
                ChampionScore.Outcome scored = new ChampionScore(fetcher, JSON).score(champion.get(),
                        Optional.ofNullable(env.get(ChampionScore.SHA256)).filter(v -> !v.isBlank()),
                        all.features(), validation, work);
                log("%s", scored.note());
                if (scored.metrics().isPresent()) {
                    metrics = ChampionScore.beside(metrics, scored.metrics().get());
                }
            }

            ReferenceProfile profile = ReferenceProfileBuilder.of(training);
            ObjectNode manifest = ManifestJson.of(model, all.features(),
                    validationInputs.head(ManifestJson.EXAMPLE_ROWS), profile, JSON);
            TreeMap<String, byte[]> files = new TreeMap<>();
            files.put(model.modelFile(), model.modelBytes());
            files.put(ModelManifest.FILE_NAME, bytes(manifest));
            byte[] archive = ModelArchive.tarGz(files);
            String artifactSha256 = Sha256.of(archive);

            output.write(ARTIFACT, archive);
            output.write(PROFILE, bytes(JSON.valueToTree(profile)));
            output.write(METRICS, bytes(ResultSummary.metricsJson(metrics, JSON)));
            ResultSummary summary = ResultSummary.of(model.format(), output.uri(ARTIFACT), artifactSha256,
                    archive.length, metrics, model.signature(), all.features(), dataset.uri(), dataset.sha256(),
                    output.uri(PROFILE), profile, JSON);
            output.write(ResultSummary.FILE, bytes(summary.json()));
            log("wrote %s (%d bytes, sha256 %s), %s, %s, %s", output.uri(ARTIFACT), archive.length, artifactSha256,
                    PROFILE, METRICS, ResultSummary.FILE);
            return summary;
        } finally {
            delete(work);
        }
    }

    static ModelTrainer trainerFor(Algorithm algorithm, Hyperparameters hyperparameters) {
        return switch (algorithm) {
            case XGBOOST -> new XgboostTrainer(hyperparameters);
            case MLP -> new MlpTrainer(false, hyperparameters);
            case LINEAR -> new MlpTrainer(true, hyperparameters);
        };
    }

    private void log(String format, Object... args) {
        out.println("trainer: " + String.format(Locale.ROOT, format, args));
        out.flush();
    }

    private static String describe(List<Feature> features) {
        return features.stream().map(f -> f.name() + " (" + f.type().json()
                + (f.categories().isEmpty() ? "" : ", " + f.categories().size() + " categories") + ")")
                .collect(Collectors.joining(", "));
    }

    private static String orDash(String text) {
        return text.isEmpty() ? "-" : text;
    }

    private static byte[] bytes(JsonNode json) {
        return (json.toString() + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static Path workDir() {
        try {
            return Files.createTempDirectory("mlcycle-trainer-");
        } catch (IOException e) {
            throw new TrainerFailure(ExitCode.DATASET_UNREADABLE, "cannot create a working folder under "
                    + System.getProperty("java.io.tmpdir") + " for the dataset: " + e, e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // A leftover temporary copy of the dataset does not change what was trained and written.
        }
    }
}
