package io.mlcycle.runtime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The layer order {@code package-info.java} of this package states, checked on the compiled runtime: each layer
 * uses only layers below it (it may skip some), never one above, and no two packages depend on each other.
 */
class LayeringTest {

    private static final JavaClasses RUNTIME = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.mlcycle.runtime");

    @Test
    void layersOnlyUseTheLayersBelowThem() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Application").definedBy("io.mlcycle.runtime.app..", "io.mlcycle.runtime.validate..")
                .layer("Transports").definedBy("io.mlcycle.runtime.protocol.rest..",
                        "io.mlcycle.runtime.protocol.grpc..")
                .layer("Metrics").definedBy("io.mlcycle.runtime.metrics..")
                .layer("Codecs").definedBy("io.mlcycle.runtime.protocol.oip..")
                .layer("Serving").definedBy("io.mlcycle.runtime.serving..", "io.mlcycle.runtime.registry..")
                .layer("Scheduling").definedBy("io.mlcycle.runtime.batching..", "io.mlcycle.runtime.drift..")
                .layer("Engines").definedBy("io.mlcycle.runtime.engine..")
                .layer("Foundation").definedBy("io.mlcycle.runtime.artifact..", "io.mlcycle.runtime.tensor..")
                .whereLayer("Application").mayNotBeAccessedByAnyLayer()
                .whereLayer("Transports").mayOnlyBeAccessedByLayers("Application")
                .whereLayer("Metrics").mayOnlyBeAccessedByLayers("Application", "Transports")
                .whereLayer("Codecs").mayOnlyBeAccessedByLayers("Application", "Transports", "Metrics")
                .whereLayer("Serving").mayOnlyBeAccessedByLayers("Application", "Transports", "Metrics", "Codecs")
                .whereLayer("Scheduling").mayOnlyBeAccessedByLayers("Application", "Transports", "Metrics", "Serving")
                .whereLayer("Engines").mayOnlyBeAccessedByLayers("Application", "Transports", "Metrics", "Codecs",
                        "Serving", "Scheduling")
                .check(RUNTIME);
    }

    @Test
    void nothingBelowTheTransportsKnowsHttpOrGrpc() {
        noClasses().that().resideInAnyPackage("io.mlcycle.runtime.protocol.oip..", "io.mlcycle.runtime.serving..",
                        "io.mlcycle.runtime.registry..", "io.mlcycle.runtime.batching..", "io.mlcycle.runtime.drift..",
                        "io.mlcycle.runtime.engine..", "io.mlcycle.runtime.artifact..", "io.mlcycle.runtime.tensor..")
                .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "io.grpc..", "io.netty..",
                        "com.google.protobuf..", "io.quarkus.grpc..", "io.mlcycle.runtime.protocol.grpc.proto..")
                .check(RUNTIME);
    }

    @Test
    void noTwoPackagesDependOnEachOther() {
        slices().matching("io.mlcycle.runtime.(**)").should().beFreeOfCycles().check(RUNTIME);
    }
}
