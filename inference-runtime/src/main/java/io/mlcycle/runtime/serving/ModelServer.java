package io.mlcycle.runtime.serving;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlcycle.runtime.InferenceException;
import io.mlcycle.runtime.batching.BatchingPolicy;
import io.mlcycle.runtime.drift.DriftProfile;
import io.mlcycle.runtime.drift.DriftProfiles;
import io.mlcycle.runtime.drift.DriftRecorder;
import io.mlcycle.runtime.drift.ProfilingModel;
import io.mlcycle.runtime.engine.LoadedModel;
import io.mlcycle.runtime.registry.ModelRegistry;
import io.mlcycle.runtime.tensor.Tensor;
import io.mlcycle.runtime.tensor.TensorSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * The serving core every transport calls: health, server and model metadata, and inference with validation.
 * Thread-safe. Ready once every model it was asked to serve is warmed up and registered; each registered model
 * sits behind the batching policy (a dynamic batcher or a pass-through).
 */
public final class ModelServer {

    private static final Logger LOG = Logger.getLogger(ModelServer.class);

    /** Where start-up stands. */
    public enum State { STARTING, READY, FAILED }

    private final ModelRegistry registry;
    private final ServerMetadata metadata;
    private final BatchingPolicy batching;
    private final DriftProfiles drift;
    private volatile State state = State.STARTING;
    private volatile String failure;

    public ModelServer(ModelRegistry registry, ServerMetadata metadata, BatchingPolicy batching) {
        this(registry, metadata, batching, DriftProfiles.withDefaults());
    }

    public ModelServer(ModelRegistry registry, ServerMetadata metadata, BatchingPolicy batching,
            DriftProfiles drift) {
        this.registry = registry;
        this.metadata = metadata;
        this.batching = batching;
        this.drift = drift;
    }

    public ServerMetadata metadata() {
        return metadata;
    }

    public boolean isLive() {
        return state != State.FAILED;
    }

    public boolean isReady() {
        return state == State.READY && !registry.isEmpty();
    }

    public State state() {
        return state;
    }

    /** Why start-up failed, if it did. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * Runs one warm-up inference on the model and, when its manifest has golden examples, checks that it answers
     * them as their writer did; then registers it behind the batching policy (and, below the batcher, the drift
     * recorder, so that warm-up stays out of the profile). Throws if the warm-up fails or the answers differ.
     */
    public void serve(LoadedModel model) {
        long start = System.nanoTime();
        List<Tensor> warmUp = new ArrayList<>();
        for (TensorSpec spec : model.signature().inputs()) {
            warmUp.add(Tensor.zeros(spec.name(), spec.datatype(), spec.minimalShape()));
        }
        List<Tensor> outputs = model.predict(warmUp);
        if (outputs.isEmpty()) {
            throw new IllegalStateException("warm-up inference of " + model + " returned no outputs");
        }
        model.manifest().examples().ifPresent(examples -> examples.verify(model));
        LoadedModel engine = drift.enabled() ? new ProfilingModel(model, drift.register(model)) : model;
        registry.register(batching.schedule(engine));
        LOG.infof("serving %s (warm-up took %d ms)", model, (System.nanoTime() - start) / 1_000_000);
    }

    public void markReady() {
        state = State.READY;
    }

    public void markFailed(String reason) {
        failure = reason;
        state = State.FAILED;
    }

    /**
     * The model with this name and version (its default version when empty); NOT_FOUND when there is no such
     * model, UNAVAILABLE while the server is still starting or has failed to load its models.
     */
    public LoadedModel model(String name, Optional<String> version) {
        return registry.find(name, version).orElseThrow(() -> {
            if (state == State.STARTING) {
                return new InferenceException(InferenceException.Kind.UNAVAILABLE,
                        "model '" + name + "' is not ready: the server is still loading its models");
            }
            if (state == State.FAILED) {
                return new InferenceException(InferenceException.Kind.UNAVAILABLE, "model '" + name
                        + "' is not available: loading failed (" + failure + ")");
            }
            List<String> versions = registry.versions(name);
            if (versions.isEmpty()) {
                return InferenceException.notFound("unknown model '" + name + "'");
            }
            return InferenceException.notFound("model '" + name + "' has no version '" + version.orElse("")
                    + "' (versions: " + versions + ")");
        });
    }

    public ModelMetadata modelMetadata(String name, Optional<String> version) {
        LoadedModel model = model(name, version);
        List<String> versions = version.isPresent() ? List.of(model.version()) : registry.versions(name);
        return new ModelMetadata(model.name(), versions, model.engine().platform(), model.signature());
    }

    /**
     * Validates the request against the model's signature, runs it and keeps the outputs asked for. Failures come
     * back as a failed future holding an {@link InferenceException}. Validation happens on the caller's thread,
     * the model runs on its scheduler's engine threads (the future completes there), so a transport may call this
     * from an event loop. Cancelling the returned future (the client went away) takes a request that is still
     * queued out of the queue.
     */
    public CompletableFuture<InferenceResponse> inferAsync(String name, Optional<String> version,
            InferenceRequest request) {
        LoadedModel model;
        try {
            model = model(name, version);
            RequestValidator.validate(name, model.signature(), request);
        } catch (InferenceException e) {
            return CompletableFuture.failedFuture(e);
        }
        Optional<DriftRecorder> recorder = drift.find(model.name(), model.version());
        CompletableFuture<List<Tensor>> predicted = model.predictAsync(request.inputs());
        CompletableFuture<InferenceResponse> response = predicted.handle((outputs, error) -> {
            if (error != null) {
                throw classify(model, InferenceException.unwrap(error));
            }
            // Counted once answered, like the rows the engine call recorded: refused requests are in neither.
            recorder.ifPresent(DriftRecorder::countRequest);
            return new InferenceResponse(model.name(), model.version(), request.id(),
                    selectOutputs(outputs, request.requestedOutputs()));
        });
        // A transport cancels the response when its client goes away; the model's queue then drops the request.
        response.whenComplete((answer, error) -> {
            if (response.isCancelled()) {
                predicted.cancel(false);
            }
        });
        return response;
    }

    /**
     * The model's drift profile of the current window; with {@code reset}, the window ends with this read and a
     * new one starts. NOT_FOUND when the model is unknown or drift profiling is off.
     */
    public DriftProfile profile(String name, Optional<String> version, boolean reset) {
        LoadedModel model = model(name, version);
        DriftRecorder recorder = drift.find(model.name(), model.version()).orElseThrow(() -> InferenceException
                .notFound("model '" + name + "' keeps no drift profile (mlcycle.runtime.drift.enabled=false)"));
        return reset ? recorder.readAndReset() : recorder.read();
    }

    /**
     * The reference profile the model's live profiles are compared with (the configured one, else its manifest's).
     * NOT_FOUND when the model is unknown, keeps no profile, or has no reference.
     */
    public JsonNode referenceProfile(String name, Optional<String> version) {
        LoadedModel model = model(name, version);
        DriftRecorder recorder = drift.find(model.name(), model.version()).orElseThrow(() -> InferenceException
                .notFound("model '" + name + "' keeps no drift profile (mlcycle.runtime.drift.enabled=false)"));
        return recorder.reference().json().orElseThrow(() -> InferenceException.notFound("model '" + name
                + "' has no reference profile: its manifest has no referenceProfile and none is configured "
                + "(mlcycle.runtime.drift.reference-profile)"));
    }

    /** {@link #inferAsync}, waiting for the answer; failures are thrown as {@link InferenceException}s. */
    public InferenceResponse infer(String name, Optional<String> version, InferenceRequest request) {
        try {
            return inferAsync(name, version, request).join();
        } catch (RuntimeException e) {
            throw InferenceException.unwrap(e);
        }
    }

    private static InferenceException classify(LoadedModel model, RuntimeException error) {
        if (error instanceof InferenceException e) {
            return e;
        }
        LOG.errorf(error, "inference failed on %s", model);
        return new InferenceException(InferenceException.Kind.INTERNAL,
                "model '" + model.name() + "' failed: " + error.getMessage(), error);
    }

    private static List<Tensor> selectOutputs(List<Tensor> outputs, List<String> requested) {
        if (requested.isEmpty()) {
            return outputs;
        }
        List<Tensor> selected = new ArrayList<>(requested.size());
        for (String name : requested) {
            Tensor.named(outputs, name).ifPresent(selected::add);
        }
        return selected;
    }
}
