package io.mlcycle.runtime.bench;

import io.mlcycle.runtime.artifact.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;

/**
 * The benchmark's command line; every command prints one {@code key=value} line for bench/runtime-bench.sh.
 * <pre>
 * train DIR FEATURES TREES                      xgboost4j model.json (prints its sha256)
 * mlp DIR FEATURES LAYERS UNITS OUTPUTS         the built-in MLP, random weights: DIR/mlp/ and the .tar.gz
 *                                               artifact DIR/mlp.tar.gz (prints its sha256)
 * drift FEATURES ROWS BATCHES                   cost of recording drift sketches
 * sequential inprocess|rest|grpc TARGET COUNT   one request at a time
 * sequential rest-live|grpc-live TARGET COUNT   the same with no model work: GET /v2/health/live, ServerLive
 * sequential-paced KIND TARGET COUNT PAUSE_US   one at a time, pausing PAUSE_US (untimed) before each
 * closed rest|grpc TARGET CONCURRENCY SECONDS   saturation
 * open rest|grpc TARGET RATE SECONDS            fixed arrival rate
 * </pre>
 * TARGET: a model directory (inprocess), an OIP infer URL (rest), a URL (rest-live) or host:port/model (grpc,
 * grpc-live).
 */
public final class RuntimeBench {

    private RuntimeBench() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "train" -> System.out.println("sha256=" + train(Path.of(args[1]), Integer.parseInt(args[2]),
                    Integer.parseInt(args[3])));
            case "mlp" -> System.out.println("sha256=" + BenchMlp.write(Path.of(args[1]), Integer.parseInt(args[2]),
                    Integer.parseInt(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5])));
            case "drift" -> System.out.println(DriftRecordingCost.measure(Integer.parseInt(args[1]),
                    Integer.parseInt(args[2]), Integer.parseInt(args[3])));
            default -> load(args);
        }
        System.exit(0);
    }

    private static void load(String[] args) throws Exception {
        float[] row = row(Integer.getInteger("bench.features", 8));
        try (Target target = target(args[1], args[2], row)) {
            LoadRunner.Result result = switch (args[0]) {
                case "sequential" -> {
                    LoadRunner.sequential(target, Integer.parseInt(args[3]) / 4); // warm-up
                    yield LoadRunner.sequential(target, Integer.parseInt(args[3]));
                }
                case "sequential-paced" -> {
                    long pause = Long.parseLong(args[4]) * 1000;
                    LoadRunner.sequential(target, Integer.parseInt(args[3]) / 4, pause); // warm-up
                    yield LoadRunner.sequential(target, Integer.parseInt(args[3]), pause);
                }
                case "closed" -> LoadRunner.closed(target, Integer.parseInt(args[3]),
                        Duration.ofSeconds(Long.parseLong(args[4])));
                case "open" -> LoadRunner.open(target, Double.parseDouble(args[3]),
                        Duration.ofSeconds(Long.parseLong(args[4])), 4096);
                default -> throw new IllegalArgumentException("unknown command " + args[0]);
            };
            System.out.println(args[0] + " " + args[1] + " " + result.describe());
        }
    }

    private static Target target(String kind, String where, float[] row) {
        return switch (kind) {
            case "inprocess" -> new InProcessTarget(Path.of(where), row);
            case "rest" -> new RestTarget(where, row);
            case "rest-live" -> new RestTarget(where);
            case "grpc", "grpc-live" -> {
                String[] hostPortModel = where.split("[:/]");
                yield new GrpcTarget(hostPortModel[0], Integer.parseInt(hostPortModel[1]), hostPortModel[2], row,
                        kind.equals("grpc-live"));
            }
            default -> throw new IllegalArgumentException("unknown target kind " + kind);
        };
    }

    private static float[] row(int features) {
        Random random = new Random(5);
        float[] row = new float[features];
        for (int i = 0; i < features; i++) {
            row[i] = (float) random.nextGaussian();
        }
        return row;
    }

    /** A binary classifier on synthetic data, saved as model.json (DJL, MLServer and KServe all load it). */
    private static String train(Path dir, int features, int trees) throws Exception {
        Random random = new Random(42);
        int rows = 5000;
        float[] data = new float[rows * features];
        float[] labels = new float[rows];
        for (int r = 0; r < rows; r++) {
            double score = 0;
            for (int f = 0; f < features; f++) {
                data[r * features + f] = (float) random.nextGaussian();
                score += (f % 3 - 1) * data[r * features + f];
            }
            labels[r] = score + 0.5 * random.nextGaussian() > 0 ? 1 : 0;
        }
        DMatrix train = new DMatrix(data, rows, features, Float.NaN);
        train.setLabel(labels);
        Map<String, Object> params = new HashMap<>(Map.of("objective", "binary:logistic", "max_depth", 6,
                "nthread", 1, "seed", 1));
        Booster booster = XGBoost.train(train, params, trees, new HashMap<>(), null, null);
        Path file = Files.createDirectories(dir).resolve("model.json");
        booster.saveModel(file.toString());
        return Sha256.of(file);
    }
}
