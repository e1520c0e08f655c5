package io.mlcycle.runtime.protocol.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcycle.runtime.artifact.Sha256;
import io.mlcycle.runtime.artifact.TarGzArtifact;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.apache.commons.io.file.PathUtils;

/**
 * Trains a small binary XGBoost classifier on synthetic data with xgboost4j, packs its model.json as a .tar.gz
 * artifact, records xgboost4j's own predictions for some rows, and points the runtime at the artifact.
 */
public class TrainedXgboostModel implements QuarkusTestResourceLifecycleManager {

    static final int FEATURES = 4;
    static final String EXPECTED_FILE = "test.expected-predictions";

    private Path dir;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("mlcycle-xgb-");
            Booster booster = train();
            Path modelDir = Files.createDirectories(dir.resolve("model"));
            booster.saveModel(modelDir.resolve("model.json").toString());
            Path artifact = dir.resolve("churn-model.tar.gz");
            TarGzArtifact.pack(artifact, "churn", List.of(modelDir.resolve("model.json")));
            writeExpected(booster, dir.resolve("expected.json"));
            Map<String, String> config = new HashMap<>();
            config.put("mlcycle.runtime.model-uri", artifact.toUri().toString());
            config.put("mlcycle.runtime.sha256", Sha256.of(artifact));
            config.put("mlcycle.runtime.name", "churn");
            config.put("mlcycle.runtime.version", "3");
            config.put("mlcycle.runtime.workers", "2");
            config.put("mlcycle.runtime.cache-dir", dir.resolve("cache").toString());
            // Above the 64 KiB that REST decodes on the event loop, so tests can send bodies that are decoded on a worker.
            config.put("mlcycle.runtime.max-request-bytes", "262144");
            config.put("mlcycle.runtime.exit-on-load-failure", "false");
            // Batching on, so the REST and gRPC tests go through the batcher's asynchronous path.
            config.put("mlcycle.runtime.batching.max-batch-size", "8");
            config.put("mlcycle.runtime.batching.max-delay", "2ms");
            config.put(EXPECTED_FILE, dir.resolve("expected.json").toString());
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (XGBoostError e) {
            throw new IllegalStateException(e);
        }
    }

    private static Booster train() throws XGBoostError {
        Random random = new Random(42);
        int rows = 400;
        float[] data = new float[rows * FEATURES];
        float[] labels = new float[rows];
        for (int r = 0; r < rows; r++) {
            for (int f = 0; f < FEATURES; f++) {
                data[r * FEATURES + f] = (float) random.nextGaussian();
            }
            double score = data[r * FEATURES] + 2 * data[r * FEATURES + 1] - data[r * FEATURES + 2]
                    + 0.3 * random.nextGaussian();
            labels[r] = score > 0 ? 1 : 0;
        }
        DMatrix train = new DMatrix(data, rows, FEATURES, Float.NaN);
        train.setLabel(labels);
        Map<String, Object> params = new HashMap<>();
        params.put("objective", "binary:logistic");
        params.put("max_depth", 3);
        params.put("eta", 0.3);
        params.put("nthread", 1);
        params.put("seed", 7);
        return XGBoost.train(train, params, 20, new HashMap<>(), null, null);
    }

    /** Rows to ask about, and xgboost4j's own answers for them. */
    private static void writeExpected(Booster booster, Path file) throws XGBoostError, IOException {
        Random random = new Random(99);
        int rows = 5;
        float[] data = new float[rows * FEATURES];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (random.nextGaussian() * 1.5);
        }
        float[][] predictions = booster.predict(new DMatrix(data, rows, FEATURES, Float.NaN));
        float[] flat = new float[rows];
        for (int r = 0; r < rows; r++) {
            flat[r] = predictions[r][0];
        }
        new ObjectMapper().writeValue(file.toFile(), Map.of("rows", rows, "data", data, "predictions", flat));
    }

    @Override
    public void stop() {
        if (dir == null) {
            return;
        }
        try {
            PathUtils.deleteDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
