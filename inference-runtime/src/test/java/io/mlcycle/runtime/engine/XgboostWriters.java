package io.mlcycle.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.mlcycle.runtime.Scripts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The XGBoost releases users write models with, and what each writes: every Python release in a virtualenv of its
 * own (made once by {@code src/test/python/setup-venv.sh}, cached under {@code ~/.cache/mlcycle/venv}) runs
 * {@code src/test/python/write_xgboost_models.py}, and every older xgboost4j runs {@link Xgboost4jWriter} in a JVM
 * of its own; each trains the same small models and records that release's own predictions. Fails, never skips,
 * when a writer cannot be set up.
 */
public final class XgboostWriters {

    /**
     * One XGBoost release that writes models: Python's, with the pins it installs with (1.x and 2.0 predate numpy
     * 2), or xgboost4j's ({@code jvm}), whose jar Maven copies to {@code target/xgboost4j-writers}.
     */
    public record Writer(String release, List<String> requirements, boolean jvm) {

        static Writer python(String release, String... requirements) {
            return new Writer(release, List.of(requirements), false);
        }

        static Writer xgboost4j(String release) {
            return new Writer(release, List.of(), true);
        }

        /** A short name, also fit for a model version: "3.2.0" for Python, "j3.0.4" for xgboost4j. */
        public String label() {
            return jvm ? "j" + release : release;
        }

        @Override
        public String toString() {
            return (jvm ? "xgboost4j " : "xgboost ") + release;
        }
    }

    /** One model a writer made, in one format, with the writer's own answers for its probe rows. */
    public record WrittenModel(Writer writer, String modelCase, String format, Path file, int features,
            int rows, float[] data, float[] predictions, long[] shape) {
        @Override
        public String toString() {
            return writer.label() + " " + modelCase + " " + format;
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
            Writer.python("1.7.6", "xgboost==1.7.6", "numpy==1.26.4", "scipy==1.13.1"),
            Writer.python("2.0.3", "xgboost==2.0.3", "numpy==1.26.4", "scipy==1.13.1"),
            Writer.python("2.1.4", "xgboost-cpu==2.1.4", "numpy==2.4.6", "scipy==1.17.1"),
            Writer.python("3.0.5", "xgboost-cpu==3.0.5", "numpy==2.4.6", "scipy==1.17.1"),
            Writer.python("3.1.3", "xgboost-cpu==3.1.3", "numpy==2.4.6", "scipy==1.17.1"),
            Writer.python("3.2.0", "xgboost-cpu==3.2.0", "numpy==2.4.6", "scipy==1.17.1"));

    /** xgboost4j releases before the one that serves (3.4.0, whose own models the other tests train). */
    public static final List<Writer> JVM = List.of(Writer.xgboost4j("2.0.3"), Writer.xgboost4j("2.1.4"),
            Writer.xgboost4j("3.0.4"));

    /** Every writer, Python's first. */
    public static final List<Writer> ALL = Stream.concat(PYTHON.stream(), JVM.stream()).toList();

    private static final Path OUT = Path.of("target/xgboost-writers");
    private static final Path JVM_JARS = Path.of("target/xgboost4j-writers");
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
        return WRITTEN.computeIfAbsent(writer.label(), label -> {
            Path dir = OUT.resolve(label).toAbsolutePath();
            if (writer.jvm()) {
                Scripts.run(Duration.ofMinutes(5), List.of(javaCommand(), "-cp", writerClassPath(writer),
                        Xgboost4jWriter.class.getName(), dir.toString()));
                forEachCase(dir, (modelCase, expected) -> assertThat(expected.get("xgboost").asText())
                        .as("the release that wrote " + modelCase).isEqualTo("xgboost4j " + writer.release()));
                return dir;
            }
            String python = Scripts.venvPython("xgboost-" + writer.release(), writer.requirements());
            Scripts.run(Duration.ofMinutes(5), List.of(python, Scripts.PYTHON.resolve("write_xgboost_models.py")
                    .toString(), dir.toString()));
            forEachCase(dir, (modelCase, expected) -> assertThat(expected.get("xgboost").asText())
                    .as("the release that wrote " + modelCase).isEqualTo(writer.release()));
            return dir;
        });
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** This JVM's class path with the writer's xgboost4j jar in place of the one that serves. */
    private static String writerClassPath(Writer writer) {
        Path jar = JVM_JARS.resolve("xgboost4j_2.12-" + writer.release() + ".jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError(jar + " is missing: Maven's generate-test-resources phase copies it");
        }
        List<String> entries = new ArrayList<>(List.of(jar.toString()));
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (!Path.of(entry).getFileName().toString().startsWith("xgboost4j_2.12-")) {
                entries.add(entry);
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
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
