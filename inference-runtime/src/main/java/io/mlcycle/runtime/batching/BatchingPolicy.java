package io.mlcycle.runtime.batching;

import io.mlcycle.runtime.engine.LoadedModel;
import io.mlcycle.runtime.tensor.TensorSpec;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/** Decides how calls reach a model: through a dynamic batcher, or straight through when batching is off or cannot apply. */
public final class BatchingPolicy {

    private static final Logger LOG = Logger.getLogger(BatchingPolicy.class);

    private final BatchingSettings settings;
    private final BatchObserver observer;

    public BatchingPolicy(BatchingSettings settings, BatchObserver observer) {
        this.settings = settings;
        this.observer = observer;
    }

    public BatchingSettings settings() {
        return settings;
    }

    /** The model behind a batcher or a pass-through, as the settings and its signature allow. */
    public ScheduledModel schedule(LoadedModel model) {
        ScheduledModel scheduled = choose(model);
        observer.scheduled(scheduled);
        return scheduled;
    }

    private ScheduledModel choose(LoadedModel model) {
        if (!settings.batches()) {
            return new PassThroughModel(model, settings, observer);
        }
        if (!hasBatchDimension(model)) {
            LOG.warnf("%s: not every input and output has a variable first dimension, so requests cannot be "
                    + "concatenated; serving it without batching", model);
            return new PassThroughModel(model, settings, observer);
        }
        return new BatchingModel(model, settings, observer);
    }

    /** Merging requests needs dimension 0 of every input and output to be the (variable) batch dimension. */
    private static boolean hasBatchDimension(LoadedModel model) {
        return Stream.concat(model.signature().inputs().stream(), model.signature().outputs().stream())
                .map(TensorSpec::shape).allMatch(shape -> shape.length > 0 && shape[0] == -1);
    }
}
