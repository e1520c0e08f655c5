package io.mlcycle.runtime.drift;

import io.mlcycle.runtime.engine.EngineKind;
import io.mlcycle.runtime.engine.LoadedModel;
import io.mlcycle.runtime.engine.ModelManifest;
import io.mlcycle.runtime.tensor.ModelSignature;
import io.mlcycle.runtime.tensor.Tensor;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * A model that records every successful engine call's inputs and outputs into a drift recorder. It sits below
 * the batcher, so a batch of many requests is recorded once.
 */
public final class ProfilingModel implements LoadedModel {

    private static final Logger LOG = Logger.getLogger(ProfilingModel.class);

    private final LoadedModel model;
    private final DriftRecorder recorder;

    public ProfilingModel(LoadedModel model, DriftRecorder recorder) {
        this.model = model;
        this.recorder = recorder;
    }

    @Override
    public List<Tensor> predict(List<Tensor> inputs) {
        List<Tensor> outputs = model.predict(inputs);
        try {
            recorder.record(inputs, outputs);
        } catch (RuntimeException e) {
            // A drift profile is a by-product: it must never turn a prediction that succeeded into a failure.
            LOG.warnf(e, "drift recording failed for model %s", model.name());
        }
        return outputs;
    }

    @Override
    public String name() {
        return model.name();
    }

    @Override
    public String version() {
        return model.version();
    }

    @Override
    public EngineKind engine() {
        return model.engine();
    }

    @Override
    public ModelSignature signature() {
        return model.signature();
    }

    @Override
    public ModelManifest manifest() {
        return model.manifest();
    }

    @Override
    public void close() {
        model.close();
    }

    @Override
    public String toString() {
        return model.toString();
    }
}
