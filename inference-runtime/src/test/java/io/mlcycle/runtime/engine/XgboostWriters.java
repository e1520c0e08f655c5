package io.mlcycle.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The XGBoost releases users write models with, each in a virtualenv of its own (made once by
 * {@code src/test/python/setup-venv.sh}, cached under {@code ~/.cache/mlcycle/venv}), and what each writes:
 * {@code src/test/python/write_xgboost_models.py} trains the same small models in every release and records that
 * release's own predictions. Fails, never skips, when a writer cannot be set up.
 */
public final class XgboostWriters {

    /** One Python XGBoost release and the pins it installs with (1.x and 2.0 predate numpy 2). */
    public record Writer(String release, List<String> requirements) {
        @Override
        public String toString() {
            return "xgboost " + release;
        }
    }

    /** One model a writer made, in one format, with the writer's own answers for its probe rows. */
    public record WrittenModel(Writer writer, String modelCase, String format, Path file, int features,
            int rows, float[] data, float[] predictions, long[] shape) {
        @Override
        public String toString() {
            return writer.release() + " " + modelCase + " " + format;
        }

        /** Fails unless these answers equal the writer's own within 1e-6 relative, or 1 ulp of the writer's float. */
        public void assertAnswers(float[] actual) {
            assertThat(actual).as(this + ": value count").hasSameSizeAs(predictions);
            List<String> off = new ArrayList<>();
            for (int i = 0; i < predictions.length; i++) {
                double allowed = Math.max(1e-6 * Math.abs(predictions[i]), Math.ulp(predictions[i]));
                if (!(Math.abs(actual[i] - predictions[i]) <= allowed)) {
                    off.add("value " + i + ": " + actual[i] + " (writer: " + predictions[i] + ")");
                }
            }
            assertThat(off).as(this + " differs from the writer's own predictions").isEmpty();
        }
    }

    /** Every Python release in use: the last of each minor line from 1.7 to the newest served (3.2). */
    public static final List<Writer> PYTHON = List.of(
            new Writer("1.7.6", List.of("xgboost==1.7.6", "numpy==1.26.4", "scipy==1.13.1")),
            new Writer("2.0.3", List.of("xgboost==2.0.3", "numpy==1.26.4", "scipy==1.13.1")),
            new Writer("2.1.4", List.of("xgboost-cpu==2.1.4", "numpy==2.4.6", "scipy==1.17.1")),
            new Writer("3.0.5", List.of("xgboost-cpu==3.0.5", "numpy==2.4.6", "scipy==1.17.1")),
            new Writer("3.1.3", List.of("xgboost-cpu==3.1.3", "numpy==2.4.6", "scipy==1.17.1")),
            new Writer("3.2.0", List.of("xgboost-cpu==3.2.0", "numpy==2.4.6", "scipy==1.17.1")));

    private static final Path SCRIPTS = Path.of("src/test/python");
    private static final Path OUT = Path.of("target/xgboost-writers");
    // Python's json writes NaN for a missing value.
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    private static final Map<String, Path> WRITTEN = new ConcurrentHashMap<>();

    private XgboostWriters() {
    }

    /** The models this release wrote, in every format it wrote (written once per test JVM). */
    public static List<WrittenModel> models(Writer writer) {
        Path dir = written(writer);
        List<WrittenModel> models = new ArrayList<>();
        forEachCase(dir, (modelCase, expected) -> {
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.get("formats").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> format = it.next();
                models.add(new WrittenModel(writer, modelCase, format.getKey(),
                        dir.resolve(modelCase).resolve(format.getValue().asText()), expected.get("features").asInt(),
                        expected.get("rows").asInt(), floats(expected.get("data")),
                        floats(expected.get("predictions")), longs(expected.get("shape"))));
            }
        });
        return models;
    }

    private interface CaseVisitor {
        void visit(String modelCase, JsonNode expected) throws IOException;
    }

    private static void forEachCase(Path dir, CaseVisitor visitor) {
        try (Stream<Path> cases = Files.list(dir)) {
            for (Path folder : cases.sorted().toList()) {
                visitor.visit(folder.getFileName().toString(), JSON.readTree(folder.resolve("expected.json").toFile()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized Path written(Writer writer) {
        return WRITTEN.computeIfAbsent(writer.release(), release -> {
            String python = run(List.of("bash", SCRIPTS.resolve("setup-venv.sh").toString(), "xgboost-" + release),
                    writer.requirements()).strip().lines().reduce((a, b) -> b).orElseThrow();
            Path dir = OUT.resolve(release).toAbsolutePath();
            run(List.of(python, SCRIPTS.resolve("write_xgboost_models.py").toString(), dir.toString()), List.of());
            return dir;
        });
    }

    private static String run(List<String> command, List<String> extraArgs) {
        List<String> all = new ArrayList<>(command);
        all.addAll(extraArgs);
        try {
            Path log = Files.createTempFile("mlcycle-xgb-writer-", ".log");
            try {
                Process process = new ProcessBuilder(all).redirectErrorStream(true).redirectOutput(log.toFile())
                        .start();
                if (!process.waitFor(10, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new AssertionError(String.join(" ", all) + " did not finish within 10 minutes:\n"
                            + Files.readString(log, StandardCharsets.UTF_8));
                }
                String output = Files.readString(log, StandardCharsets.UTF_8);
                if (process.exitValue() != 0) {
                    throw new AssertionError(String.join(" ", all) + " failed (" + process.exitValue() + "):\n"
                            + output);
                }
                return output;
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static float[] floats(JsonNode array) {
        float[] values = new float[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).isNull() ? Float.NaN : (float) array.get(i).asDouble();
        }
        return values;
    }

    private static long[] longs(JsonNode array) {
        long[] values = new long[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asLong();
        }
        return values;
    }
}
