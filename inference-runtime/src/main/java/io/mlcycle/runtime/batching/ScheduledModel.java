package io.mlcycle.runtime.batching;

import io.mlcycle.runtime.InferenceException;
import io.mlcycle.runtime.engine.LoadedModel;
import io.mlcycle.runtime.tensor.Tensor;
import java.util.List;

/**
 * A model behind the batching layer: calls are admitted up to a limit, may wait in its queue, and run on the
 * layer's own engine threads, so {@link #predictAsync} never runs the engine on the caller's thread.
 */
public interface ScheduledModel extends LoadedModel {

    /** Requests admitted but not yet in an engine call. */
    int queueDepth();

    /** {@link #predictAsync}, waiting for the answer; failures are thrown as they are, unwrapped. */
    @Override
    default List<Tensor> predict(List<Tensor> inputs) {
        try {
            return predictAsync(inputs).join();
        } catch (RuntimeException e) {
            throw InferenceException.unwrap(e);
        }
    }
}
