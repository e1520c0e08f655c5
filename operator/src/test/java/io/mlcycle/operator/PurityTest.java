package io.mlcycle.operator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code desired} and {@code status} pure: no Kubernetes client, no Operator SDK, no CDI, no files or network,
 * so everything they decide is tested in plain JUnit in milliseconds.
 */
class PurityTest {

    private final JavaClasses operator = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.mlcycle.operator");

    @Test
    void desiredAndStatusTouchNoClientAndNoIo() {
        noClasses().that().resideInAnyPackage("..operator.desired..", "..operator.status..", "..operator.resolve..",
                        "..operator.rollout..", "..operator.drift..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.fabric8.kubernetes.client..", "io.javaoperatorsdk..", "io.quarkiverse..", "jakarta.inject..",
                        "jakarta.enterprise..", "java.net..", "java.nio.file..", "java.io..", "software.amazon..",
                        "io.mlcycle.operator.reconciler..")
                .because("desired/, status/, resolve/, rollout/ and drift/ are pure functions of the resource and what was "
                        + "observed")
                .check(operator);
    }
}
