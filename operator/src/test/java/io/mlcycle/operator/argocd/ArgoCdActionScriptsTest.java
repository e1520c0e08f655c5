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
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;
import org.luaj.vm2.lib.jse.JsePlatform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The resource actions of the InferenceService (promote, abort, pause, resume) and the DriftMonitor (retrain), in
 * {@code actions/} beside each health script, as Argo CD's own tests run them: {@code discovery.lua} offers exactly the
 * entries of {@code action_test.yaml}'s discovery tests, and each action turns its input object into the expected one
 * (only an annotation added: never spec). {@code os.date} answers {@value #EPOCH}, the time upstream's action tests
 * put in place of the clock's.
 */
class ArgoCdActionScriptsTest {

    private static final Path KINDS = Path.of("../argocd/resource_customizations/mlcycle.io");
    private static final List<String> WITH_ACTIONS = List.of("InferenceService", "DriftMonitor");
    private static final String EPOCH = "0001-01-01T00:00:00Z";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** One entry of a kind's action_test.yaml, with the folder its paths are relative to. */
    record Case(Path actions, JsonNode test) {

        @Override
        public String toString() {
            return actions.getParent().getFileName() + " " + test.path("action").asText("discovery") + " "
                    + test.path("inputPath").asText();
        }
    }

    static Stream<Case> discoveryTests() throws IOException {
        return entries("discoveryTests");
    }

    static Stream<Case> actionTests() throws IOException {
        return entries("actionTests");
    }

    private static Stream<Case> entries(String field) throws IOException {
        List<Case> tests = new ArrayList<>();
        for (String kind : WITH_ACTIONS) {
            Path actions = KINDS.resolve(kind).resolve("actions");
            YAML.readTree(actions.resolve("action_test.yaml").toFile()).path(field)
                    .forEach(t -> tests.add(new Case(actions, t)));
        }
        return tests.stream();
    }

    @ParameterizedTest
    @MethodSource("discoveryTests")
    void discoveryOffersTheActionsTheStateAllows(Case c) throws IOException {
        JsonNode test = c.test();
        JsonNode offered = LuaObjects.json(run(c.actions(), c.actions().resolve("discovery.lua"),
                test.path("inputPath").asText()));
        Map<String, Boolean> disabled = new TreeMap<>();
        offered.fields().forEachRemaining(e -> disabled.put(e.getKey(), e.getValue().path("disabled").asBoolean()));
        Map<String, Boolean> expected = new TreeMap<>();
        test.path("result").forEach(r -> expected.put(r.path("name").asText(), r.path("disabled").asBoolean()));
        assertThat(disabled).as(c.toString()).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("actionTests")
    void actionWritesOnlyTheAnnotation(Case c) throws IOException {
        JsonNode test = c.test();
        String action = test.path("action").asText();
        JsonNode output = LuaObjects.json(run(c.actions(), c.actions().resolve(action).resolve("action.lua"),
                test.path("inputPath").asText()));
        JsonNode expected = YAML.readTree(c.actions().resolve(test.path("expectedOutputPath").asText()).toFile());
        assertThat(output).as(c.toString()).isEqualTo(expected);
        JsonNode input = YAML.readTree(c.actions().resolve(test.path("inputPath").asText()).toFile());
        assertThat(output.path("spec")).as("spec untouched").isEqualTo(input.path("spec"));
    }

    private static LuaValue run(Path actions, Path script, String inputPath) throws IOException {
        Globals lua = JsePlatform.standardGlobals();
        lua.get("os").set("date", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return LuaValue.valueOf(EPOCH);
            }
        });
        lua.set("obj", LuaObjects.lua(YAML.readTree(actions.resolve(inputPath).toFile())));
        return lua.load(Files.readString(script), script.toString()).call();
    }
}
