package io.mlcycle.runtime.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlcycle.runtime.artifact.Sha256;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real entry point with argument {@code validate}: checks the configured artifact and exits 0, serving nothing. */
@QuarkusMainTest
@TestProfile(ValidateModeMainTest.GoodArtifact.class)
class ValidateModeMainTest {

    /** Points the runtime at a freshly trained model with its right digest and a termination file. */
    public static class GoodArtifact implements QuarkusTestProfile {

        static final Path DIR;

        static {
            try {
                DIR = Files.createTempDirectory("mlcycle-validate-");
                Files.createFile(DIR.resolve("termination-log"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path model = SmallXgboostModel.write(DIR.resolve("model"));
                return Map.of("mlcycle.runtime.model-uri", model.toUri().toString(),
                        "mlcycle.runtime.sha256", Sha256.of(model),
                        "mlcycle.runtime.name", "churn",
                        "mlcycle.runtime.cache-dir", DIR.resolve("cache").toString(),
                        "mlcycle.runtime.termination-log", DIR.resolve("termination-log").toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    @Launch("validate")
    void validatesTheConfiguredArtifactAndExitsZero(LaunchResult result) throws Exception {
        assertThat(result.exitCode()).isZero();
        assertThat(result.getOutput()).contains("valid churn:1: sha256 ");
        assertThat(Files.readString(GoodArtifact.DIR.resolve("termination-log"))).startsWith("valid churn:1");
    }
}
