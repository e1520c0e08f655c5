package io.mlcycle.operator.argocd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * {@code argocd/argocd-cm.py}, the patch a person applies to install the scripts into Argo CD, carries every script
 * exactly, under the keys Argo CD reads: {@code resource.customizations.health.mlcycle.io_<Kind>}, and for the
 * InferenceService and the DriftMonitor {@code resource.customizations.actions.mlcycle.io_<Kind>} with its discovery
 * script and one definition per action.
 */
class ArgoCdConfigMapTest {

    private static final Path ARGOCD = Path.of("../argocd");
    private static final Path KINDS = ARGOCD.resolve("resource_customizations/mlcycle.io");

    @Test
    void patchCarriesEveryScriptUnderArgoCdsKeys() throws Exception {
        Process python = new ProcessBuilder("python3", ARGOCD.resolve("argocd-cm.py").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String printed = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(python.exitValue()).as("argocd-cm.py exit").isZero();
        JsonNode data = new ObjectMapper().readTree(printed).path("data");

        for (String kind : List.of("TrainingJob", "ModelVersion", "InferenceService", "DriftMonitor")) {
            assertThat(data.path("resource.customizations.health.mlcycle.io_" + kind).asText()).as(kind)
                    .isEqualTo(read(KINDS.resolve(kind).resolve("health.lua")));
        }
        for (Map.Entry<String, Integer> kind : Map.of("InferenceService", 4, "DriftMonitor", 1).entrySet()) {
            JsonNode actions = new ObjectMapper(new YAMLFactory()).readTree(
                    data.path("resource.customizations.actions.mlcycle.io_" + kind.getKey()).asText());
            Path dir = KINDS.resolve(kind.getKey()).resolve("actions");
            assertThat(actions.path("discovery.lua").asText()).isEqualTo(read(dir.resolve("discovery.lua")));
            assertThat(actions.path("definitions")).as(kind.getKey()).hasSize(kind.getValue());
            for (JsonNode definition : actions.path("definitions")) {
                assertThat(definition.path("action.lua").asText()).as(definition.path("name").asText())
                        .isEqualTo(read(dir.resolve(definition.path("name").asText()).resolve("action.lua")));
            }
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file);
    }
}
