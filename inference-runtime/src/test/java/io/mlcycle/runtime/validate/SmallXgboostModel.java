package io.mlcycle.runtime.validate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/** A tiny binary XGBoost classifier (4 features) trained with xgboost4j and saved as model.json, for artifact tests. */
public final class SmallXgboostModel {

    private SmallXgboostModel() {
    }

    /** Trains the model and writes {@code dir/model.json}; returns that file. */
    public static Path write(Path dir) throws IOException {
        Random random = new Random(11);
        int rows = 200;
        int features = 4;
        float[] data = new float[rows * features];
        float[] labels = new float[rows];
        for (int r = 0; r < rows; r++) {
            for (int f = 0; f < features; f++) {
                data[r * features + f] = (float) random.nextGaussian();
            }
            labels[r] = data[r * features] + data[r * features + 1] > 0 ? 1 : 0;
        }
        try {
            DMatrix train = new DMatrix(data, rows, features, Float.NaN);
            train.setLabel(labels);
            Map<String, Object> params = new HashMap<>(Map.of("objective", "binary:logistic", "max_depth", 2,
                    "nthread", 1, "seed", 1));
            Booster booster = XGBoost.train(train, params, 5, new HashMap<>(), null, null);
            Path file = Files.createDirectories(dir).resolve("model.json");
            booster.saveModel(file.toString());
            return file;
        } catch (XGBoostError e) {
            throw new IllegalStateException("xgboost4j failed to train the test model", e);
        }
    }
}
