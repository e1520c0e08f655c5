package io.mlcycle.runtime.app;

import io.mlcycle.runtime.artifact.ArtifactException;
import io.mlcycle.runtime.artifact.ArtifactStore;
import io.mlcycle.runtime.artifact.DigestMismatchException;
import io.mlcycle.runtime.engine.ModelLoader;
import io.mlcycle.runtime.engine.EngineKind;
import io.mlcycle.runtime.engine.LoadedModel;
import io.mlcycle.runtime.metrics.RuntimeMetrics;
import io.mlcycle.runtime.serving.ModelServer;
import io.mlcycle.runtime.validate.TerminationLog;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.annotations.CommandLineArguments;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * Loads the configured model after start-up on a thread of its own: fetch and verify the artifact, load it with
 * DJL, run one warm-up inference, register it, then report ready. Liveness answers meanwhile; readiness only
 * after. A failure is logged with its reason, written as the container's termination message ({@code
 * ArtifactDigestMismatch: …}, {@code ArtifactUnavailable: …} or {@code ModelLoadFailed: …}, which the operator shows in
 * the InferenceService's status) and, by default, ends the process.
 */
@Singleton
public class ModelBootstrap {

    private static final Logger LOG = Logger.getLogger(ModelBootstrap.class);

    private final RuntimeConfig config;
    private final ArtifactStore artifacts;
    private final ModelLoader loader;
    private final ModelServer server;
    private final RuntimeMetrics metrics;

    private final String[] args;

    ModelBootstrap(RuntimeConfig config, ArtifactStore artifacts, ModelLoader loader, ModelServer server,
            RuntimeMetrics metrics, @CommandLineArguments String[] args) {
        this.args = args;
        this.config = config;
        this.artifacts = artifacts;
        this.loader = loader;
        this.server = server;
        this.metrics = metrics;
    }

    void onStart(@Observes StartupEvent event) {
        if (RuntimeMode.of(args, config.mode()) == RuntimeMode.VALIDATE) {
            return; // RuntimeMain validates instead of serving
        }
        if (config.modelUri().isEmpty()) {
            LOG.warn("mlcycle.runtime.model-uri is not set: serving no model, never ready");
            return;
        }
        Thread thread = new Thread(this::loadConfiguredModel, "mlcycle-model-loader");
        thread.setDaemon(true);
        thread.start();
    }

    private void loadConfiguredModel() {
        try {
            String sha256 = config.sha256().orElseThrow(() -> new IllegalArgumentException(
                    "mlcycle.runtime.sha256 is not set; every artifact must declare its digest"));
            long start = System.nanoTime();
            Path modelDir = artifacts.fetch(config.modelUri().get(), sha256);
            long fetched = System.nanoTime();
            int workers = RuntimeBeans.workers(config);
            ModelLoader.Options options = new ModelLoader.Options(EngineKind.parse(config.engine()), workers,
                    config.engineThreads());
            LoadedModel model = loader.load(config.name(), config.version(), modelDir, options);
            long loaded = System.nanoTime();
            try {
                server.serve(model);
            } catch (RuntimeException e) {
                model.close();
                throw e;
            }
            long warm = System.nanoTime();
            metrics.modelLoadPhase(config.name(), config.version(), "fetch", fetched - start);
            metrics.modelLoadPhase(config.name(), config.version(), "load", loaded - fetched);
            metrics.modelLoadPhase(config.name(), config.version(), "warmup", warm - loaded);
            server.markReady();
        } catch (RuntimeException | Error e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            LOG.errorf(e, "cannot serve model %s:%s: %s", config.name(), config.version(), reason);
            server.markFailed(reason);
            new TerminationLog(Path.of(config.terminationLog()), System.out).write(failureKind(e) + ": " + reason);
            if (config.exitOnLoadFailure()) {
                Quarkus.asyncExit(1);
            }
        }
    }

    /** The word a person (and the operator) reads first: the artifact changed, could not be had, or did not load. */
    static String failureKind(Throwable e) {
        if (e instanceof DigestMismatchException) {
            return "ArtifactDigestMismatch";
        }
        if (e instanceof ArtifactException) {
            return "ArtifactUnavailable";
        }
        return "ModelLoadFailed";
    }
}
