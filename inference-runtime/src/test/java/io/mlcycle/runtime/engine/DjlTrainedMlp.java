package io.mlcycle.runtime.engine;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Trains the built-in MLP with DJL's PyTorch engine on three Gaussian blobs in four dimensions and saves it as DJL
 * saves any model ({@code mlp-0000.params}) with its {@code mlcycle-model.json}. Keeps DJL's own predictions for
 * probe rows and the training accuracy, so tests can compare the runtime's answers with them.
 */
public final class DjlTrainedMlp {

    public static final int FEATURES = 4;
    public static final int CLASSES = 3;
    public static final BuiltinMlp ARCHITECTURE = new BuiltinMlp(FEATURES, List.of(16), CLASSES, "relu");

    /** Rows to ask about, row-major [PROBE_ROWS, FEATURES]. */
    public static final float[] PROBE = {2.1f, 0.1f, -0.2f, 0.0f, -0.1f, 1.9f, 0.2f, 0.1f, 0.0f, -0.3f, 2.2f, -0.1f};
    public static final int PROBE_ROWS = 3;

    private final float[] expected;
    private final double accuracy;

    private DjlTrainedMlp(float[] expected, double accuracy) {
        this.expected = expected;
        this.accuracy = accuracy;
    }

    /** DJL's own outputs for {@link #PROBE}, row-major [PROBE_ROWS, CLASSES]. */
    public float[] expected() {
        return expected.clone();
    }

    /** Share of training rows whose largest output is their class. */
    public double accuracy() {
        return accuracy;
    }

    /** Trains and writes {@code mlp-0000.params} and {@code mlcycle-model.json} into {@code dir}. */
    public static DjlTrainedMlp trainInto(Path dir) throws IOException, TranslateException {
        Random random = new Random(11);
        int rows = 300;
        float[] data = new float[rows * FEATURES];
        float[] labels = new float[rows];
        for (int r = 0; r < rows; r++) {
            int label = r % CLASSES;
            labels[r] = label;
            for (int f = 0; f < FEATURES; f++) {
                // Blob centres: 2 in feature `label`, 0 elsewhere.
                data[r * FEATURES + f] = (float) ((f == label ? 2 : 0) + 0.4 * random.nextGaussian());
            }
        }
        // Same initial weights and shuffling on every run.
        Engine.getEngine(EngineKind.PYTORCH.engineName()).setRandomSeed(11);
        try (Model model = Model.newInstance("mlp", Device.cpu(), EngineKind.PYTORCH.engineName());
                NDManager manager = NDManager.newBaseManager(Device.cpu(), EngineKind.PYTORCH.engineName())) {
            model.setBlock(ARCHITECTURE.block());
            ArrayDataset dataset = new ArrayDataset.Builder()
                    .setData(manager.create(data, new Shape(rows, FEATURES)))
                    .optLabels(manager.create(labels, new Shape(rows)))
                    .setSampling(30, true)
                    .build();
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.02f)).build())
                    .optDevices(new Device[] {Device.cpu()});
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1, FEATURES));
                EasyTrain.fit(trainer, 15, dataset, null);
            }
            double accuracy;
            float[] expected;
            try (Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator())) {
                NDArray all = predictor.predict(new NDList(manager.create(data, new Shape(rows, FEATURES)))).head();
                NDArray correct = all.argMax(1).toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                        .eq(manager.create(labels));
                accuracy = correct.sum().getLong() / (double) rows;
                expected = predictor.predict(new NDList(manager.create(PROBE, new Shape(PROBE_ROWS, FEATURES))))
                        .head().toFloatArray();
            }
            model.save(dir, "mlp");
            Files.writeString(dir.resolve(ModelManifest.FILE_NAME), """
                    {"format": "pytorch", "file": "mlp-0000.params",
                     "architecture": {"type": "mlp", "inputs": 4, "hidden": [16], "outputs": 3, "activation": "relu"}}
                    """);
            return new DjlTrainedMlp(expected, accuracy);
        }
    }
}
