package io.mlcycle.runtime.app;

import io.mlcycle.runtime.artifact.ArtifactStore;
import io.mlcycle.runtime.engine.ModelLoader;
import io.mlcycle.runtime.engine.EngineKind;
import io.mlcycle.runtime.validate.ModelValidator;
import io.mlcycle.runtime.validate.TerminationLog;
import io.quarkus.runtime.ApplicationLifecycleManager;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import java.nio.file.Path;

/**
 * The runtime's entry point: {@code serve} (the default) answers inference until stopped; {@code validate}
 * checks the configured artifact once and exits with {@link ModelValidator.Result}'s code. The mode is the first
 * argument, else {@code mlcycle.runtime.mode}.
 */
@QuarkusMain
public class RuntimeMain implements QuarkusApplication {

    @Inject
    RuntimeConfig config;

    @Inject
    ArtifactStore artifacts;

    @Inject
    ModelLoader loader;

    @Override
    public int run(String... args) {
        if (RuntimeMode.of(args, config.mode()) == RuntimeMode.VALIDATE) {
            return validate();
        }
        Quarkus.waitForExit();
        // Keeps the code of Quarkus.asyncExit (e.g. 1 after a failed model load); 0 after a normal stop.
        return ApplicationLifecycleManager.getExitCode();
    }

    private int validate() {
        ModelValidator validator = new ModelValidator(artifacts, loader,
                new TerminationLog(Path.of(config.terminationLog()), System.out));
        ModelLoader.Options options = new ModelLoader.Options(EngineKind.parse(config.engine()), 1,
                config.engineThreads());
        return validator.validate(new ModelValidator.Request(config.modelUri(), config.sha256(), config.name(),
                config.version(), options)).exitCode();
    }
}
