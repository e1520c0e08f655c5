package io.mlcycle.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Fails the build when crds/ or the Helm chart's copy (helm/mlcycle/files/crds/) is out of date with the classes.
 * {@code make crds} runs it with {@code -Dmlcycle.writeCrds=true}, which rewrites both instead of comparing.
 */
class CheckedInCrdsTest {

    static final List<Class<? extends HasMetadata>> KINDS = GeneratedCrds.KINDS;

    private final GeneratedCrds generated = new GeneratedCrds(Path.of(System.getProperty("mlcycle.generatedCrds")));
    private final Path checkedIn = Path.of(System.getProperty("mlcycle.checkedInCrds"));
    private final Path chartCopy = Path.of(System.getProperty("mlcycle.chartCrds"));

    @ParameterizedTest
    @FieldSource("KINDS")
    void checkedInCrdMatchesTheClasses(Class<? extends HasMetadata> kind) throws IOException {
        matches(kind, checkedIn, "crds/");
    }

    @ParameterizedTest
    @FieldSource("KINDS")
    void chartsCopyMatchesTheClasses(Class<? extends HasMetadata> kind) throws IOException {
        matches(kind, chartCopy, "helm/mlcycle/files/crds/");
    }

    private void matches(Class<? extends HasMetadata> kind, Path folder, String shown) throws IOException {
        String expected = generated.render(kind);
        Path file = folder.resolve(GeneratedCrds.fileName(kind));
        if (Boolean.getBoolean("mlcycle.writeCrds")) {
            Files.createDirectories(folder);
            Files.writeString(file, expected);
        }
        assertThat(file).as("%s%s is missing: run `make crds`", shown, file.getFileName()).exists();
        assertThat(Files.readString(file))
                .as("%s%s is out of date with the classes in operator/api: run `make crds` and commit the result",
                        shown, file.getFileName())
                .isEqualTo(expected);
    }

    @Test
    void crdsFolderHoldsNothingElse() throws IOException {
        try (var files = Files.list(checkedIn)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(KINDS.stream().map(GeneratedCrds::fileName).toList());
        }
    }

    @ParameterizedTest
    @FieldSource("KINDS")
    void everyFieldHasADescriptionForKubectlExplain(Class<? extends HasMetadata> kind) throws IOException {
        JSONSchemaProps root = generated.read(kind).getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema();
        List<String> undocumented = new ArrayList<>();
        collectUndocumented(root, "", undocumented);
        assertThat(undocumented).as("fields without @JsonPropertyDescription").isEmpty();
    }

    @ParameterizedTest
    @FieldSource("KINDS")
    void crdHasStatusSubresourceShortNamesAndTheMlcycleCategory(Class<? extends HasMetadata> kind) throws IOException {
        var crd = generated.read(kind);
        assertThat(crd.getSpec().getVersions().get(0).getSubresources().getStatus()).isNotNull();
        assertThat(crd.getSpec().getNames().getShortNames()).isNotEmpty();
        assertThat(crd.getSpec().getNames().getCategories()).containsExactly(MlcycleApi.CATEGORY);
        var columns = crd.getSpec().getVersions().get(0).getAdditionalPrinterColumns();
        assertThat(columns.get(columns.size() - 1).getName()).isEqualTo("AGE");
    }

    private static void collectUndocumented(JSONSchemaProps schema, String path, List<String> out) {
        for (Map.Entry<String, JSONSchemaProps> property : schema.getProperties().entrySet()) {
            String propertyPath = path + "." + property.getKey();
            if (property.getValue().getDescription() == null || property.getValue().getDescription().isBlank()) {
                out.add(propertyPath);
            }
            collectUndocumented(property.getValue(), propertyPath, out);
        }
        if (schema.getItems() != null && schema.getItems().getSchema() != null) {
            collectUndocumented(schema.getItems().getSchema(), path + "[]", out);
        }
        if (schema.getAdditionalProperties() != null && schema.getAdditionalProperties().getSchema() != null) {
            collectUndocumented(schema.getAdditionalProperties().getSchema(), path + "{}", out);
        }
    }
}
