package io.mlcycle.trainer.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.util.Pair;
import io.mlcycle.runtime.engine.BuiltinMlp;
import io.mlcycle.runtime.engine.GoldenExamples;
import io.mlcycle.trainer.ExitCode;
import io.mlcycle.trainer.TrainerFailure;
import io.mlcycle.trainer.data.EncodedDataset;
import io.mlcycle.trainer.metrics.ModelOutputs;
import io.mlcycle.trainer.metrics.ValidationMetrics;
import io.mlcycle.trainer.settings.Hyperparameters;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The built-in MLP (the runtime's {@link BuiltinMlp}: DJL's {@code Mlp} block) trained with DJL on the PyTorch engine,
 * on the GPU when PyTorch sees one, and saved as {@code mlp-0000.params}. With {@code linear} it has no hidden layer:
 * one linear layer, i.e. logistic (softmax) regression or least squares. Classification minimises softmax cross
 * entropy over raw class scores, which is what the served model answers ({@code [-1, classes]}); regression minimises
 * L2 loss with one output ({@code [-1, 1]}). Adam with a fixed learning rate, shuffled mini-batches.
 *
 * <p>The runtime hands the served model raw inputs, and a network learns badly from inputs (and a regression target)
 * on arbitrary scales. So it trains on standardised inputs and target, then folds the standardisation into the first
 * and last linear layers ({@link Standardization}): the saved weights take raw inputs and answer raw values, and the
 * validation answers, metrics and golden examples come from the saved weights. An MLP has no notion of a missing
 * value: missing inputs are 0 for training and the golden examples, and callers should send 0 too.
 *
 * <p>Hyperparameters: {@code epochs} (20), {@code hidden} ("16,16"; not for linear), {@code learning_rate} (0.01),
 * {@code batch_size} (32), {@code activation} (relu, tanh or sigmoid; not for linear), {@code seed} (42),
 * {@code nthread} (1). The seed fixes the initial weights and the batch order.
 */
public final class MlpTrainer implements ModelTrainer {

    public static final String PARAMS_PREFIX = "mlp";
    public static final String MODEL_FILE = PARAMS_PREFIX + "-0000.params";
    static final String ENGINE = "PyTorch";
    static final Set<String> KEYS = Set.of("epochs", "hidden", "learning_rate", "batch_size", "activation", "seed",
            "nthread", "validation_fraction");
    static final Set<String> LINEAR_KEYS = Set.of("epochs", "learning_rate", "batch_size", "seed", "nthread",
            "validation_fraction");
    /** Float rounding of a few layers either side; looser than XGBoost's because matrix products reorder sums. */
    static final GoldenExamples.Tolerance TOLERANCE = new GoldenExamples.Tolerance(1e-5, 1e-4);

    private final boolean linear;
    private final int epochs;
    private final List<Integer> hidden;
    private final float learningRate;
    private final int batchSize;
    private final String activation;
    private final int seed;
    private final int threads;

    /** Checks the hyperparameters now, before any data is fetched; an unknown key is refused (a typo, surely). */
    public MlpTrainer(boolean linear, Hyperparameters hyperparameters) {
        this.linear = linear;
        Set<String> known = linear ? LINEAR_KEYS : KEYS;
        List<String> unknown = hyperparameters.unknownKeys(known);
        if (!unknown.isEmpty()) {
            throw new TrainerFailure(ExitCode.INVALID_SETTINGS, "hyperparameters " + unknown + " mean nothing to the "
                    + (linear ? "linear" : "mlp") + " algorithm; it takes " + known.stream().sorted().toList());
        }
        this.epochs = hyperparameters.integer("epochs", 20, 1, 100_000);
        this.hidden = linear ? List.of() : hyperparameters.integers("hidden", List.of(16, 16), 65_536);
        this.learningRate = (float) hyperparameters.number("learning_rate", 0.01, 0, 100);
        this.batchSize = hyperparameters.integer("batch_size", 32, 1, 1 << 20);
        this.activation = hyperparameters.text("activation").orElse("relu").toLowerCase(Locale.ROOT);
        if (!List.of("relu", "tanh", "sigmoid").contains(activation)) {
            throw new TrainerFailure(ExitCode.INVALID_SETTINGS, "hyperparameter activation=" + activation
                    + " is not one of relu, tanh, sigmoid");
        }
        this.seed = hyperparameters.integer("seed", 42, Integer.MIN_VALUE, Integer.MAX_VALUE);
        this.threads = hyperparameters.integer("nthread", 1, 1, 1024);
    }

    @Override
    public EncodedDataset inputsFor(EncodedDataset rows) {
        return rows.withMissingAs(0f);
    }

    @Override
    public TrainedModel train(EncodedDataset training, EncodedDataset validation, ProgressReporter progress) {
        // Read once, when PyTorch starts: later settings are ignored.
        System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        boolean classification = training.target().isClassification();
        int width = training.width();
        BuiltinMlp architecture = new BuiltinMlp(width, hidden, classification ? training.target().classCount() : 1,
                activation);
        Standardization inputs = Standardization.of(training.inputs(), width);
        Optional<Standardization> target = classification ? Optional.empty()
                : Optional.of(Standardization.of(training.labels(), 1));
        Path saved = null;
        try {
            Engine engine = Engine.getEngine(ENGINE);
            engine.setRandomSeed(seed);
            Device device = engine.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
            try (Model model = Model.newInstance(PARAMS_PREFIX, device, ENGINE);
                    NDManager manager = NDManager.newBaseManager(device, ENGINE)) {
                model.setBlock(architecture.block());
                float[] labels = target.map(t -> t.apply(training.labels())).orElse(training.labels());
                ArrayDataset rows = new ArrayDataset.Builder()
                        .setData(manager.create(inputs.apply(training.inputs()), new Shape(training.rows(), width)))
                        .optLabels(manager.create(labels, new Shape(training.rows())))
                        .setSampling(batchSize, true)
                        .build();
                NDArray standardisedValidation = manager.create(inputs.apply(validation.inputs()),
                        new Shape(validation.rows(), width));
                DefaultTrainingConfig config = new DefaultTrainingConfig(
                        classification ? Loss.softmaxCrossEntropyLoss() : Loss.l2Loss())
                        .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(learningRate)).build())
                        .optDevices(new Device[] {device});
                try (Trainer trainer = model.newTrainer(config)) {
                    trainer.initialize(new Shape(1, width));
                    for (int epoch = 1; epoch <= epochs; epoch++) {
                        double loss = epoch(trainer, rows);
                        if (ProgressReporter.reports(epoch, epochs)) {
                            NDArray answers = trainer.evaluate(new NDList(standardisedValidation)).head();
                            ModelOutputs outputs = outputs(answers, classification, target);
                            // L2 loss is half the mean square of the standardised error: as an RMSE in the target's
                            // units, it reads like XGBoost's training rmse.
                            double reported = classification ? loss
                                    : Math.sqrt(2 * loss) * target.get().scale()[0];
                            progress.report(epoch, epochs, "epoch", reported, classification ? "logloss" : "rmse",
                                    metric(outputs, validation, classification));
                        }
                    }
                }
                fold(model, inputs, target);
                ModelOutputs outputs;
                try (Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator())) {
                    NDArray raw = manager.create(validation.inputs(), new Shape(validation.rows(), width));
                    outputs = outputs(predictor.predict(new NDList(raw)).head(), classification, Optional.empty());
                }
                for (float value : outputs.values()) {
                    if (!Float.isFinite(value)) {
                        throw new TrainerFailure(ExitCode.TRAINING_FAILED, "the network diverged (its outputs are "
                                + "not finite numbers); lower learning_rate");
                    }
                }
                saved = Files.createTempDirectory("mlcycle-mlp-");
                model.save(saved, PARAMS_PREFIX);
                byte[] params = Files.readAllBytes(saved.resolve(MODEL_FILE));
                return new TrainedModel("pytorch", MODEL_FILE, params, architecture.signature(),
                        Optional.of(architecture), outputs, TOLERANCE);
            }
        } catch (IOException | TranslateException | RuntimeException e) {
            if (e instanceof TrainerFailure failure) {
                throw failure;
            }
            throw new TrainerFailure(ExitCode.TRAINING_FAILED, "training " + architecture + " with DJL " + ENGINE
                    + " failed: " + e, e);
        } finally {
            delete(saved);
        }
    }

    /** One pass over the shuffled training rows; the mean training loss. */
    private static double epoch(Trainer trainer, ArrayDataset rows) throws IOException, TranslateException {
        double sum = 0;
        long seen = 0;
        for (Batch batch : trainer.iterateDataset(rows)) {
            try (batch; GradientCollector collector = trainer.newGradientCollector()) {
                NDList predictions = trainer.forward(batch.getData(), batch.getLabels());
                NDArray loss = trainer.getLoss().evaluate(batch.getLabels(), predictions);
                collector.backward(loss);
                sum += loss.getFloat() * batch.getSize();
                seen += batch.getSize();
            }
            trainer.step();
        }
        return sum / seen;
    }

    /**
     * Folds the standardisation into the first linear layer (inputs) and, for regression, the last (target). DJL's
     * {@code Mlp} lists its parameters layer by layer, weight then bias, so those are the first and last two.
     */
    private static void fold(Model model, Standardization inputs, Optional<Standardization> target) {
        List<Pair<String, Parameter>> parameters = model.getBlock().getParameters().stream().toList();
        Parameter firstWeight = parameter(parameters, 0, "weight");
        Parameter firstBias = parameter(parameters, 1, "bias");
        float[] weight = firstWeight.getArray().toFloatArray();
        float[] bias = firstBias.getArray().toFloatArray();
        inputs.foldIntoInputs(weight, bias);
        if (target.isPresent()) {
            Parameter lastWeight = parameter(parameters, parameters.size() - 2, "weight");
            Parameter lastBias = parameter(parameters, parameters.size() - 1, "bias");
            boolean oneLayer = lastWeight == firstWeight;
            float[] outWeight = oneLayer ? weight : lastWeight.getArray().toFloatArray();
            float[] outBias = oneLayer ? bias : lastBias.getArray().toFloatArray();
            target.get().foldIntoOutputs(outWeight, outBias);
            if (!oneLayer) {
                lastWeight.getArray().set(FloatBuffer.wrap(outWeight));
                lastBias.getArray().set(FloatBuffer.wrap(outBias));
            }
        }
        firstWeight.getArray().set(FloatBuffer.wrap(weight));
        firstBias.getArray().set(FloatBuffer.wrap(bias));
    }

    private static Parameter parameter(List<Pair<String, Parameter>> parameters, int index, String kind) {
        Pair<String, Parameter> pair = parameters.get(index);
        if (!pair.getKey().endsWith("_" + kind)) {
            throw new IllegalStateException("expected a linear layer's " + kind + " at parameter " + index + ", found "
                    + pair.getKey());
        }
        return pair.getValue();
    }

    private static ModelOutputs outputs(NDArray answers, boolean classification, Optional<Standardization> target) {
        float[] values = answers.toFloatArray();
        int width = (int) answers.getShape().get(1);
        if (target.isPresent()) {
            values = target.get().invert(values);
        }
        return new ModelOutputs(values, width, classification ? ModelOutputs.Kind.SCORES : ModelOutputs.Kind.VALUES);
    }

    private static double metric(ModelOutputs outputs, EncodedDataset validation, boolean classification) {
        for (float value : outputs.values()) {
            if (!Float.isFinite(value)) {
                return Double.NaN;
            }
        }
        return classification
                ? ValidationMetrics.classification(outputs, validation.classLabels()).values().get("logloss")
                : ValidationMetrics.regression(outputs, validation.labels()).values().get("rmse");
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // A leftover temporary folder is not worth failing a finished training for.
        }
    }

    @Override
    public String toString() {
        return (linear ? "linear (one linear layer, DJL PyTorch)" : "mlp(hidden=" + hidden + ", " + activation + ")")
                + ", " + epochs + " epochs, batch " + batchSize + ", learning rate " + learningRate + ", seed " + seed;
    }
}
