package io.mlcycle.runtime.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;

/**
 * The JVM counterpart of {@code src/test/python/write_xgboost_models.py}: run in a JVM of its own with an older
 * xgboost4j on the class path ({@link XgboostWriters} starts it), it trains the same kinds of model with that
 * release, saves each as model.json and model.ubj, and writes that release's own predictions for probe rows in the
 * same {@code expected.json} layout.
 */
public final class Xgboost4jWriter {

    private static final int ROUNDS = 30;

    /** One model to train: rows, labels and parameters. */
    private record Case(String name, int features, float[] data, float[] labels, Map<String, Object> params) {
    }

    private Xgboost4jWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        String version = XgboostModel.LIBRARY; // as the jar on this JVM's class path states it
        for (Case c : cases()) {
            int rows = c.labels().length;
            DMatrix train = new DMatrix(c.data(), rows, c.features(), Float.NaN);
            train.setLabel(c.labels());
            Map<String, Object> params = new HashMap<>(c.params());
            params.put("seed", 1);
            params.put("nthread", 1);
            Booster booster = XGBoost.train(train, params, ROUNDS, new HashMap<>(), null, null);
            Path folder = Files.createDirectories(out.resolve(c.name()));
            booster.saveModel(folder.resolve("model.json").toString());
            booster.saveModel(folder.resolve("model.ubj").toString());
            int probes = 6;
            float[] probe = new float[probes * c.features()];
            System.arraycopy(c.data(), 0, probe, 0, probe.length);
            if (c.name().equals("binary-missing")) {
                Arrays.fill(probe, 0, c.features(), Float.NaN); // a row with every value missing
            }
            float[][] predicted = booster.predict(new DMatrix(probe, probes, c.features(), Float.NaN));
            List<Double> predictions = new ArrayList<>();
            for (float[] row : predicted) {
                for (float value : row) {
                    predictions.add((double) value);
                }
            }
            List<Double> data = new ArrayList<>();
            for (float value : probe) {
                data.add(Float.isNaN(value) ? null : (double) value);
            }
            Map<String, Object> expected = new LinkedHashMap<>();
            expected.put("xgboost", "xgboost4j " + version);
            expected.put("objective", c.params().get("objective"));
            expected.put("features", c.features());
            expected.put("rows", probes);
            expected.put("data", data);
            expected.put("predictions", predictions);
            expected.put("shape", predicted[0].length == 1 && !c.name().equals("softprob")
                    ? List.of(probes) : List.of(probes, predicted[0].length));
            expected.put("formats", Map.of("json", "model.json", "ubj", "model.ubj"));
            expected.put("notWritten", Map.of());
            ObjectMapper json = new ObjectMapper();
            json.writeValue(folder.resolve("expected.json").toFile(), expected);
            // Golden examples, as the Python writer makes them: the probe rows and this release's answers.
            Map<String, Object> examples = new LinkedHashMap<>();
            examples.put("inputs", List.of(Map.of("name", "input", "datatype", "FP32",
                    "shape", List.of(probes, c.features()), "data", data)));
            examples.put("outputs", List.of(Map.of("name", "output", "shape", expected.get("shape"),
                    "data", predictions)));
            json.writeValue(folder.resolve(ModelManifest.FILE_NAME).toFile(),
                    Map.of("format", "xgboost", "examples", examples));
        }
        System.out.println("wrote " + cases().size() + " models with xgboost4j " + version + " to " + out);
    }

    private static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        Random random = new Random(7);
        // Targets around 1000: the base_score far from 0.5 that XGBoost >= 3.1 writes as a vector.
        int n = 400;
        float[] x = gaussian(random, n, 20);
        float[] y = new float[n];
        for (int r = 0; r < n; r++) {
            y[r] = (float) (1000 + 40 * x[r * 20] - 25 * x[r * 20 + 1] + 5 * random.nextGaussian());
        }
        Map<String, Object> regression = new HashMap<>(Map.of("objective", "reg:squarederror", "max_depth", 4));
        regression.put("base_score", mean(y)); // 2.0 does not estimate it from the labels
        cases.add(new Case("regression", 20, x, y, regression));

        n = 600;
        x = gaussian(random, n, 6);
        y = new float[n];
        for (int r = 0; r < n; r++) {
            y[r] = x[r * 6] + 0.5 * x[r * 6 + 1] + 0.3 * random.nextGaussian() > 1.3 ? 1 : 0;
        }
        for (int i = 0; i < x.length; i++) {
            if (random.nextDouble() < 0.15) {
                x[i] = Float.NaN;
            }
        }
        cases.add(new Case("binary-missing", 6, x, y, Map.of("objective", "binary:logistic", "max_depth", 3)));

        n = 450;
        x = gaussian(random, n, 4);
        y = new float[n];
        for (int r = 0; r < n; r++) {
            y[r] = x[r * 4] > 0.5 ? 2 : x[r * 4 + 1] > 0 ? 1 : 0;
        }
        cases.add(new Case("softprob", 4, x, y, Map.of("objective", "multi:softprob", "num_class", 3, "max_depth", 3)));
        cases.add(new Case("softmax", 4, x, y, Map.of("objective", "multi:softmax", "num_class", 3, "max_depth", 3)));

        n = 500;
        x = gaussian(random, n, 5);
        y = new float[n];
        for (int r = 0; r < n; r++) {
            y[r] = poisson(random, Math.exp(0.8 + 0.6 * x[r * 5] - 0.4 * x[r * 5 + 1]));
        }
        cases.add(new Case("poisson", 5, x, y, Map.of("objective", "count:poisson", "max_depth", 3)));
        return cases;
    }

    private static float[] gaussian(Random random, int rows, int features) {
        float[] values = new float[rows * features];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    private static float mean(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return (float) (sum / values.length);
    }

    private static int poisson(Random random, double lambda) {
        double limit = Math.exp(-lambda);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            product *= random.nextDouble();
            count++;
        }
        return count;
    }
}
