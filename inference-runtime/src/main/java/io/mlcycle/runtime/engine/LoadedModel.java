package io.mlcycle.runtime.engine;

import io.mlcycle.runtime.tensor.ModelSignature;
import io.mlcycle.runtime.tensor.Tensor;
import java.util.List;

/**
 * A model ready to predict: identity, engine, signature and a thread-safe {@code predict}. Transports, the
 * registry and (later) the batcher only see this interface.
 */
public interface LoadedModel extends AutoCloseable {

    String name();

    String version();

    EngineKind engine();

    ModelSignature signature();

    /**
     * Runs the model on one batch. Inputs are matched to the signature by name and must already fit it (the
     * serving layer validates requests); outputs come back in signature order, named as the signature names them.
     * Safe to call from many threads at once.
     */
    List<Tensor> predict(List<Tensor> inputs);

    @Override
    void close();
}
