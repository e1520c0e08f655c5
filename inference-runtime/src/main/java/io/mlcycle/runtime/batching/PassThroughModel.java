package io.mlcycle.runtime.batching;

import io.mlcycle.runtime.engine.ForwardingModel;
import io.mlcycle.runtime.engine.LoadedModel;
import io.mlcycle.runtime.tensor.Tensor;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A model called on the caller's own thread, one request per engine call: no queue, no thread hop. It still admits
 * at most {@code workers + queueCapacity} calls at once (the rest of them wait for a free predictor), so a burst is
 * refused as overloaded instead of parking an unbounded number of threads.
 */
final class PassThroughModel extends ForwardingModel implements ScheduledModel {

    private final BatchObserver observer;
    private final int workers;
    private final int limit;
    private final Semaphore admitted;

    PassThroughModel(LoadedModel delegate, BatchingSettings settings, BatchObserver observer) {
        super(delegate);
        this.observer = observer;
        this.workers = settings.workers();
        this.limit = settings.workers() + settings.queueCapacity();
        this.admitted = new Semaphore(limit);
    }

    @Override
    public List<Tensor> predict(List<Tensor> inputs) {
        if (!admitted.tryAcquire()) {
            throw new OverloadedException("model '" + name() + "' is overloaded: " + limit
                    + " requests are already in progress; retry later", 1);
        }
        try {
            List<Tensor> outputs = delegate.predict(inputs);
            observer.batchRan(name(), version(), 1, inputs.isEmpty() || inputs.get(0).shape().length == 0 ? 1
                    : inputs.get(0).shape()[0]);
            return outputs;
        } finally {
            admitted.release();
        }
    }

    @Override
    public int queueDepth() {
        return Math.max(0, limit - admitted.availablePermits() - workers);
    }

    /** Closes the model once the calls in progress have finished (30 s at most; otherwise it stays open). */
    @Override
    public void close() {
        try {
            // Taking every permit refuses new calls and waits for the running ones: closing native memory under a
            // running predict could crash the JVM.
            if (!admitted.tryAcquire(limit, 30, TimeUnit.SECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        delegate.close();
    }
}
