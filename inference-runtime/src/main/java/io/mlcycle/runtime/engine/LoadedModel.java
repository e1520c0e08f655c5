package io.mlcycle.runtime.engine;

import io.mlcycle.runtime.tensor.ModelSignature;
import io.mlcycle.runtime.tensor.Tensor;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A model ready to predict: identity, engine, signature and a thread-safe {@code predict}. Transports, the
 * registry and the batcher only see this interface.
 */
public interface LoadedModel extends AutoCloseable {

    String name();

    String version();

    EngineKind engine();

    ModelSignature signature();

    /** The manifest found beside the model (features, reference profile); empty when there was none. */
    default ModelManifest manifest() {
        return ModelManifest.empty();
    }

    /**
     * Runs the model on one batch. Inputs are matched to the signature by name and must already fit it (the
     * serving layer validates requests); outputs come back in signature order, named as the signature names them.
     * Safe to call from many threads at once.
     */
    List<Tensor> predict(List<Tensor> inputs);

    /**
     * Runs the model on one request's inputs; the future completes with its outputs. By default this calls
     * {@link #predict} on the caller's thread; a batcher completes it later, from its own thread.
     */
    default CompletableFuture<List<Tensor>> predictAsync(List<Tensor> inputs) {
        try {
            return CompletableFuture.completedFuture(predict(inputs));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    void close();
}
