package io.mlcycle.runtime.batching;

import io.mlcycle.runtime.InferenceException;
import io.mlcycle.runtime.engine.ForwardingModel;
import io.mlcycle.runtime.engine.LoadedModel;
import io.mlcycle.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * A model behind a dynamic batcher: callers queue their inputs and get a future; {@code workers} threads each take
 * the next batch of compatible requests (see {@link RequestQueue#nextBatch}), run it as one engine call and hand
 * each caller its own rows. An engine failure fails only the callers of that batch. A request whose future is
 * cancelled while it waits leaves the queue unrun.
 */
final class BatchingModel extends ForwardingModel implements ScheduledModel {

    private static final Logger LOG = Logger.getLogger(BatchingModel.class);

    private final BatchingSettings settings;
    private final BatchObserver observer;
    private final RequestQueue queue;
    private final long maxDelayNanos;
    private final List<Thread> workers = new ArrayList<>();

    BatchingModel(LoadedModel delegate, BatchingSettings settings, BatchObserver observer) {
        super(delegate);
        this.settings = settings;
        this.observer = observer;
        this.queue = new RequestQueue(settings.queueCapacity());
        this.maxDelayNanos = settings.maxDelay().toNanos();
        for (int i = 0; i < settings.workers(); i++) {
            Thread worker = new Thread(this::work, "mlcycle-batch-" + delegate.name() + "-" + i);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    @Override
    public CompletableFuture<List<Tensor>> predictAsync(List<Tensor> inputs) {
        PendingRequest request = new PendingRequest(inputs, System.nanoTime());
        return switch (queue.offer(request)) {
            case QUEUED -> {
                // A caller that gives up (cancels the future) frees its place at once, and the engine never sees it.
                request.result().whenComplete((outputs, error) -> {
                    if (request.result().isCancelled()) {
                        queue.remove(request);
                    }
                });
                yield request.result();
            }
            case FULL -> CompletableFuture.failedFuture(new OverloadedException("model '" + name()
                    + "' is overloaded: " + settings.queueCapacity() + " requests are already queued; retry later", 1));
            case CLOSED -> CompletableFuture.failedFuture(new InferenceException(InferenceException.Kind.UNAVAILABLE,
                    "model '" + name() + "' is shutting down"));
        };
    }

    private void work() {
        try {
            List<PendingRequest> batch;
            while ((batch = queue.nextBatch(settings.maxBatchSize(), maxDelayNanos)) != null) {
                try {
                    run(batch);
                } finally {
                    queue.finished();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run(List<PendingRequest> batch) {
        long[] rows = new long[batch.size()];
        long total = 0;
        for (int i = 0; i < rows.length; i++) {
            rows[i] = batch.get(i).rows();
            total += rows[i];
        }
        try {
            List<Tensor> inputs = batch.size() == 1 ? batch.get(0).inputs() : RowConcatenation.concat(batch);
            List<Tensor> outputs;
            long started = System.nanoTime();
            try {
                outputs = delegate.predict(inputs);
            } finally {
                observer.batchRan(name(), version(), batch.size(), total, System.nanoTime() - started);
            }
            // Completing a future runs its caller's continuation (encoding, writing the answer) on this thread.
            if (batch.size() == 1) {
                batch.get(0).result().complete(outputs);
                return;
            }
            List<List<Tensor>> shares = RowConcatenation.split(outputs, rows);
            for (int i = 0; i < shares.size(); i++) {
                batch.get(i).result().complete(shares.get(i));
            }
        } catch (RuntimeException | Error e) {
            // Only this batch's callers see the failure: the worker lives on to serve the next batch.
            LOG.debugf(e, "batch of %d requests failed on %s", batch.size(), delegate);
            batch.forEach(request -> request.result().completeExceptionally(e));
        }
    }

    @Override
    public int queueDepth() {
        return queue.depth();
    }

    /**
     * Fails the requests still queued, lets the batches in the engine finish (30 s for all of them), then closes the
     * model. A worker still inside the engine by then keeps the model open: freeing native memory under a running
     * predict could crash the JVM, and a leak at shutdown costs nothing.
     */
    @Override
    public void close() {
        InferenceException closing = new InferenceException(InferenceException.Kind.UNAVAILABLE,
                "model '" + name() + "' is shutting down");
        queue.close().forEach(request -> request.result().completeExceptionally(closing));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (Thread worker : workers) {
            try {
                worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (workers.stream().anyMatch(Thread::isAlive)) {
            LOG.warnf("%s: a batch is still in the engine after 30 s; leaving the model open", delegate);
            return;
        }
        delegate.close();
    }

    @Override
    public String toString() {
        return delegate + " batched up to " + settings.maxBatchSize() + " rows within " + settings.maxDelay().toMillis()
                + " ms";
    }
}
