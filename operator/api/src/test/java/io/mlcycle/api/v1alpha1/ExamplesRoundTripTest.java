package io.mlcycle.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every manifest in examples/ reads into the model classes with no unknown field, and writes back the same. */
class ExamplesRoundTripTest {

    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "TrainingJob", TrainingJob.class,
            "ModelVersion", ModelVersion.class,
            "InferenceService", InferenceService.class,
            "DriftMonitor", DriftMonitor.class);

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    static List<Path> examples() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of(System.getProperty("mlcycle.examples")))) {
            List<Path> manifests = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
            assertThat(manifests).hasSizeGreaterThanOrEqualTo(4);
            return manifests;
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void exampleSurvivesARoundTripThroughTheModelClasses(Path manifest) throws IOException {
        JsonNode original = yaml.readTree(manifest.toFile());
        Class<? extends HasMetadata> kind = KINDS.get(original.path("kind").asText());
        assertThat(kind).as("kind of %s", manifest).isNotNull();

        HasMetadata parsed = yaml.treeToValue(original, kind);
        JsonNode written = yaml.valueToTree(parsed);
        HasMetadata reparsed = yaml.treeToValue(written, kind);

        assertThat((JsonNode) yaml.valueToTree(reparsed)).as("stable after a second round trip").isEqualTo(written);
        assertContains(written, original, "");
    }

    /** Everything the manifest says is still there after the trip; Java may only add its defaults. */
    private static void assertContains(JsonNode actual, JsonNode expected, String path) {
        if (expected instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                assertThat(actual.has(field.getKey())).as("%s.%s is kept", path, field.getKey()).isTrue();
                assertContains(actual.get(field.getKey()), field.getValue(), path + "." + field.getKey());
            }
        } else if (expected.isArray()) {
            assertThat(actual.size()).as("%s size", path).isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertContains(actual.get(i), expected.get(i), path + "[" + i + "]");
            }
        } else if (expected.isNumber()) {
            assertThat(actual.asDouble()).as(path).isEqualTo(expected.asDouble());
        } else {
            assertThat(actual.asText()).as(path).isEqualTo(expected.asText());
        }
    }
}
