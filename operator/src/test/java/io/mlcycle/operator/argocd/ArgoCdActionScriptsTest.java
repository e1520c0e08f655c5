package io.mlcycle.operator.argocd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The InferenceService's Argo CD resource actions ({@code actions/} beside its health script) as Argo CD's own tests
 * run them: {@code discovery.lua} offers exactly the entries of {@code action_test.yaml}'s discovery tests, and each
 * action turns its input object into the expected one (only the rollout-action annotation added: never spec).
 */
class ArgoCdActionScriptsTest {

    private static final Path ACTIONS = Path.of("../argocd/resource_customizations/mlcycle.io/InferenceService/actions");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static Stream<JsonNode> discoveryTests() throws IOException {
        return entries("discoveryTests");
    }

    static Stream<JsonNode> actionTests() throws IOException {
        return entries("actionTests");
    }

    private static Stream<JsonNode> entries(String field) throws IOException {
        List<JsonNode> tests = new ArrayList<>();
        YAML.readTree(ACTIONS.resolve("action_test.yaml").toFile()).path(field).forEach(tests::add);
        return tests.stream();
    }

    @ParameterizedTest
    @MethodSource("discoveryTests")
    void discoveryOffersTheActionsTheStateAllows(JsonNode test) throws IOException {
        JsonNode offered = LuaObjects.json(run(ACTIONS.resolve("discovery.lua"), test.path("inputPath").asText()));
        Map<String, Boolean> disabled = new TreeMap<>();
        offered.fields().forEachRemaining(e -> disabled.put(e.getKey(), e.getValue().path("disabled").asBoolean()));
        Map<String, Boolean> expected = new TreeMap<>();
        test.path("result").forEach(r -> expected.put(r.path("name").asText(), r.path("disabled").asBoolean()));
        assertThat(disabled).as(test.path("inputPath").asText()).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("actionTests")
    void actionWritesOnlyTheAnnotation(JsonNode test) throws IOException {
        String action = test.path("action").asText();
        JsonNode output = LuaObjects.json(run(ACTIONS.resolve(action).resolve("action.lua"),
                test.path("inputPath").asText()));
        JsonNode expected = YAML.readTree(ACTIONS.resolve(test.path("expectedOutputPath").asText()).toFile());
        assertThat(output).as(action + " of " + test.path("inputPath").asText()).isEqualTo(expected);
        JsonNode input = YAML.readTree(ACTIONS.resolve(test.path("inputPath").asText()).toFile());
        assertThat(output.path("spec")).as("spec untouched").isEqualTo(input.path("spec"));
    }

    private static LuaValue run(Path script, String inputPath) throws IOException {
        Globals lua = JsePlatform.standardGlobals();
        lua.set("obj", LuaObjects.lua(YAML.readTree(ACTIONS.resolve(inputPath).toFile())));
        return lua.load(Files.readString(script), script.toString()).call();
    }
}
