package io.mlcycle.operator.argocd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Every health script under {@code argocd/resource_customizations/mlcycle.io/} against its sample objects, as Argo
 * CD's own resource-customization tests run them: each {@code health_test.yaml} entry's {@code inputPath} object is
 * the script's {@code obj}, and the returned status and message must be the entry's. The samples must also be
 * objects the API accepts: each reads into its mlcycle API class with unknown fields refused, so a sample cannot
 * test a field the operator never writes.
 */
class ArgoCdHealthScriptsTest {

    private static final Path CUSTOMIZATIONS = Path.of("../argocd/resource_customizations/mlcycle.io");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** One entry of a kind's health_test.yaml. */
    record Case(String kind, String inputPath, String status, String message) {
        @Override
        public String toString() {
            return kind + "/" + inputPath;
        }
    }

    static Stream<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        for (String kind : List.of("TrainingJob", "ModelVersion", "InferenceService", "DriftMonitor")) {
            JsonNode tests = YAML.readTree(CUSTOMIZATIONS.resolve(kind).resolve("health_test.yaml").toFile());
            for (JsonNode test : tests.path("tests")) {
                cases.add(new Case(kind, test.path("inputPath").asText(),
                        test.path("healthStatus").path("status").asText(),
                        test.path("healthStatus").path("message").asText()));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void healthScriptAnswersWhatItsTestSays(Case test) throws IOException {
        Path dir = CUSTOMIZATIONS.resolve(test.kind());
        JsonNode object = YAML.readTree(dir.resolve(test.inputPath()).toFile());

        Globals lua = JsePlatform.standardGlobals();
        lua.set("obj", LuaObjects.lua(object));
        LuaValue health = lua.load(Files.readString(dir.resolve("health.lua")), test.kind() + "/health.lua").call();

        assertThat(health.get("status").tojstring()).as("status").isEqualTo(test.status());
        assertThat(health.get("message").tojstring()).as("message").isEqualTo(test.message());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sampleIsAnObjectOfItsKind(Case test) throws Exception {
        Path sample = CUSTOMIZATIONS.resolve(test.kind()).resolve(test.inputPath());
        Class<?> type = Class.forName("io.mlcycle.api.v1alpha1." + test.kind());
        assertThat(YAML.readValue(sample.toFile(), type)).as(sample.toString()).isNotNull();
    }
}
