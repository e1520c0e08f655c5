package io.mlcycle.runtime.drift;

import io.mlcycle.runtime.engine.ForwardingModel;
import io.mlcycle.runtime.engine.LoadedModel;
import io.mlcycle.runtime.tensor.Tensor;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * A model that records every successful engine call's inputs and outputs into a drift recorder. It sits below
 * the batcher, so a batch of many requests is recorded once.
 */
public final class ProfilingModel extends ForwardingModel {

    private static final Logger LOG = Logger.getLogger(ProfilingModel.class);

    private final DriftRecorder recorder;

    public ProfilingModel(LoadedModel model, DriftRecorder recorder) {
        super(model);
        this.recorder = recorder;
    }

    @Override
    public List<Tensor> predict(List<Tensor> inputs) {
        List<Tensor> outputs = delegate.predict(inputs);
        try {
            recorder.record(inputs, outputs);
        } catch (RuntimeException e) {
            // A drift profile is a by-product: it must never turn a prediction that succeeded into a failure.
            LOG.warnf(e, "drift recording failed for model %s", delegate.name());
        }
        return outputs;
    }

    @Override
    public void close() {
        delegate.close();
    }
}
