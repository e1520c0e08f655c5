package io.mlcycle.trainer.train;

import io.mlcycle.runtime.engine.GoldenExamples;
import io.mlcycle.runtime.tensor.Datatype;
import io.mlcycle.runtime.tensor.ModelSignature;
import io.mlcycle.runtime.tensor.TensorSpec;
import io.mlcycle.trainer.ExitCode;
import io.mlcycle.trainer.TrainerFailure;
import io.mlcycle.trainer.data.EncodedDataset;
import io.mlcycle.trainer.data.Target;
import io.mlcycle.trainer.metrics.ModelOutputs;
import io.mlcycle.trainer.settings.Hyperparameters;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Gradient-boosted trees trained with xgboost4j 3.4.0 (the runtime's) and saved as {@code model.json}. The objective follows the task: {@code binary:logistic} (the
 * served output is class 1's probability, {@code [-1]}), {@code multi:softprob} ({@code [-1, classes]}) or
 * {@code reg:squarederror} ({@code [-1]}).
 *
 * <p>Hyperparameters: {@code rounds} (100), {@code max_depth} (6, trees only), {@code eta} (0.3), {@code seed} (42),
 * {@code nthread} (1: one thread makes the model byte-identical run after run); any other key goes to XGBoost as is
 * ({@code subsample}, {@code lambda}, {@code min_child_weight}, …), except the MLP's own keys, which are ignored, and
 * {@code objective}, {@code num_class}, {@code booster}, {@code eval_metric}, which the task and algorithm decide.
 * XGBoost's linear booster is not offered: the runtime predicts in place, which {@code gblinear} does not support
 * (and XGBoost 3.4 deprecates it); the {@code linear} algorithm is a one-layer network instead ({@link MlpTrainer}).
 */
public final class XgboostTrainer implements ModelTrainer {

    public static final String MODEL_FILE = "model.json";

    /** Keys the trainer reads itself rather than handing to XGBoost. */
    static final Set<String> TRAINER_KEYS = Set.of("rounds", "seed", "validation_fraction");
    /** The MLP's keys: meaningless here, left out so one template can serve both algorithms. */
    static final Set<String> MLP_KEYS = Set.of("epochs", "hidden", "batch_size", "activation");
    /** What the task and algorithm decide; another value would change what the served model answers. */
    static final Set<String> RESERVED = Set.of("objective", "num_class", "booster", "eval_metric");

    private final int rounds;
    private final Map<String, Object> parameters;

    /** Checks the hyperparameters now, before any data is fetched. */
    public XgboostTrainer(Hyperparameters hyperparameters) {
        List<String> reserved = hyperparameters.asMap().keySet().stream().filter(RESERVED::contains).toList();
        if (!reserved.isEmpty()) {
            throw new TrainerFailure(ExitCode.INVALID_SETTINGS, "hyperparameters " + reserved
                    + " are set by the trainer from MLCYCLE_TASK and MLCYCLE_ALGORITHM; leave them out");
        }
        this.rounds = hyperparameters.integer("rounds", 100, 1, 100_000);
        // Sorted: XGBoost gets its parameters in the same order every run.
        Map<String, Object> params = new TreeMap<>();
        hyperparameters.asMap().forEach((key, value) -> {
            if (!TRAINER_KEYS.contains(key) && !MLP_KEYS.contains(key)) {
                params.put(key, value.trim());
            }
        });
        params.put("booster", "gbtree");
        params.put("max_depth", hyperparameters.integer("max_depth", 6, 0, 64));
        if (!params.containsKey("learning_rate")) {
            params.put("eta", hyperparameters.number("eta", 0.3, 0, Double.POSITIVE_INFINITY));
        }
        params.put("seed", hyperparameters.integer("seed", 42, Integer.MIN_VALUE, Integer.MAX_VALUE));
        params.putIfAbsent("nthread", 1);
        params.putIfAbsent("verbosity", 1);
        this.parameters = params;
    }

    /** The MLP keys given, which this algorithm ignores (for the log). */
    public static List<String> ignoredKeys(Hyperparameters hyperparameters) {
        return hyperparameters.asMap().keySet().stream().filter(MLP_KEYS::contains).sorted().toList();
    }

    /** What XGBoost is given, the task's objective aside. */
    public Map<String, Object> parameters() {
        return Map.copyOf(parameters);
    }

    @Override
    public TrainedModel train(EncodedDataset training, EncodedDataset validation, ProgressReporter progress) {
        Target target = training.target();
        Map<String, Object> params = new HashMap<>(parameters);
        String metric;
        int width;
        if (!target.isClassification()) {
            params.put("objective", "reg:squarederror");
            metric = "rmse";
            width = 1;
        } else if (target.classCount() == 2) {
            params.put("objective", "binary:logistic");
            metric = "logloss";
            width = 1;
        } else {
            params.put("objective", "multi:softprob");
            params.put("num_class", target.classCount());
            metric = "mlogloss";
            width = target.classCount();
        }
        params.put("eval_metric", metric);
        DMatrix train = null;
        DMatrix valid = null;
        Booster booster = null;
        try {
            train = matrix(training);
            valid = matrix(validation);
            // Zero rounds: a booster on the training matrix, which the loop below grows round by round.
            booster = XGBoost.train(train, params, 0, new HashMap<>(), null, null);
            DMatrix[] watched = {train, valid};
            String[] names = {"train", "valid"};
            for (int round = 0; round < rounds; round++) {
                booster.update(train, round);
                if (ProgressReporter.reports(round + 1, rounds)) {
                    float[] values = new float[2];
                    booster.evalSet(watched, names, round, values);
                    progress.report(round + 1, rounds, "round", values[0], metric, values[1]);
                }
            }
            ByteArrayOutputStream model = new ByteArrayOutputStream();
            booster.saveModel(model, "json");
            float[][] answers = booster.predict(valid);
            float[] flat = new float[answers.length * width];
            for (int r = 0; r < answers.length; r++) {
                System.arraycopy(answers[r], 0, flat, r * width, width);
            }
            ModelOutputs outputs = new ModelOutputs(flat, width, target.isClassification()
                    ? ModelOutputs.Kind.PROBABILITIES : ModelOutputs.Kind.VALUES);
            long[] outputShape = width == 1 ? new long[] {-1} : new long[] {-1, width};
            ModelSignature signature = new ModelSignature(
                    List.of(new TensorSpec("input", Datatype.FP32, new long[] {-1, training.width()})),
                    List.of(new TensorSpec("output", Datatype.FP32, outputShape)));
            return new TrainedModel("xgboost", MODEL_FILE, model.toByteArray(), signature, Optional.empty(), outputs,
                    GoldenExamples.Tolerance.DEFAULT);
        } catch (XGBoostError | IOException e) {
            throw new TrainerFailure(ExitCode.TRAINING_FAILED, "XGBoost failed (" + describe(params) + "): "
                    + e.getMessage(), e);
        } catch (UnsatisfiedLinkError e) {
            throw new TrainerFailure(ExitCode.TRAINING_FAILED, "XGBoost's native library cannot load (the image "
                    + "needs libgomp.so.1, Debian's libgomp1): " + e.getMessage(), e);
        } finally {
            if (booster != null) {
                booster.dispose();
            }
            if (train != null) {
                train.dispose();
            }
            if (valid != null) {
                valid.dispose();
            }
        }
    }

    private static DMatrix matrix(EncodedDataset rows) throws XGBoostError {
        DMatrix matrix = new DMatrix(rows.inputs(), rows.rows(), rows.width(), Float.NaN);
        matrix.setLabel(rows.labels());
        return matrix;
    }

    private static String describe(Map<String, Object> params) {
        return new TreeMap<>(params).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return "XGBoost, " + rounds + " rounds, " + describe(parameters);
    }
}
