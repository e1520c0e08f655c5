package io.mlcycle.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Reads the CRDs the Fabric8 generator wrote at build time and turns them into the files checked in under crds/. */
final class GeneratedCrds {

    static final List<Class<? extends HasMetadata>> KINDS =
            List.of(TrainingJob.class, ModelVersion.class, InferenceService.class, DriftMonitor.class);

    private static final String HEADER = "# Generated from the classes in operator/api by `make crds`. Do not edit.\n";

    private final KubernetesSerialization serialization = new KubernetesSerialization();
    private final Path generatedDir;

    GeneratedCrds(Path generatedDir) {
        this.generatedDir = generatedDir;
    }

    static String fileName(Class<? extends HasMetadata> kind) {
        return HasMetadata.getFullResourceName(kind) + ".yaml";
    }

    CustomResourceDefinition read(Class<? extends HasMetadata> kind) throws IOException {
        Path file = generatedDir.resolve(HasMetadata.getFullResourceName(kind) + "-v1.yml");
        CustomResourceDefinition crd = serialization.unmarshal(Files.readString(file), CustomResourceDefinition.class);
        orderPrinterColumns(crd, kind);
        return crd;
    }

    /** The text of the file under crds/ for this kind. */
    String render(Class<? extends HasMetadata> kind) throws IOException {
        return HEADER + serialization.asYaml(read(kind)).replaceFirst("^---\n", "");
    }

    /**
     * The generator sorts printer columns by JSON path; kubectl shows them in list order, so put them back in the order
     * the class declares them (MODEL first, AGE last).
     */
    private static void orderPrinterColumns(CustomResourceDefinition crd, Class<? extends HasMetadata> kind) {
        List<String> declared = Arrays.stream(kind.getAnnotationsByType(AdditionalPrinterColumn.class))
                .map(AdditionalPrinterColumn::name)
                .toList();
        crd.getSpec().getVersions().forEach(version -> version.getAdditionalPrinterColumns()
                .sort(Comparator.comparingInt((CustomResourceColumnDefinition c) -> declared.indexOf(c.getName()))));
    }
}
