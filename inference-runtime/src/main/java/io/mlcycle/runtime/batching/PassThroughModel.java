package io.mlcycle.runtime.batching;

import io.mlcycle.runtime.InferenceException;
import io.mlcycle.runtime.engine.ForwardingModel;
import io.mlcycle.runtime.engine.LoadedModel;
import io.mlcycle.runtime.tensor.Tensor;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * A model called one request per engine call, on {@code workers} engine threads of its own with a line of at most
 * {@code queueCapacity} requests before them; beyond that a call is refused as overloaded at once. Callers never
 * run the engine themselves, so a transport may submit from its event loop. A call whose future is cancelled while
 * it waits leaves the line unrun.
 */
final class PassThroughModel extends ForwardingModel implements ScheduledModel {

    private static final Logger LOG = Logger.getLogger(PassThroughModel.class);

    private final BatchObserver observer;
    private final int limit;
    private final ThreadPoolExecutor engineThreads;

    PassThroughModel(LoadedModel delegate, BatchingSettings settings, BatchObserver observer) {
        super(delegate);
        this.observer = observer;
        this.limit = settings.workers() + settings.queueCapacity();
        AtomicInteger count = new AtomicInteger();
        this.engineThreads = new ThreadPoolExecutor(settings.workers(), settings.workers(), 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(settings.queueCapacity()), task -> {
                    Thread thread = new Thread(task, "mlcycle-engine-" + delegate.name() + "-" + count.getAndIncrement());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    @Override
    public CompletableFuture<List<Tensor>> predictAsync(List<Tensor> inputs) {
        CompletableFuture<List<Tensor>> result = new CompletableFuture<>();
        Runnable call = () -> {
            if (result.isDone()) {
                return; // cancelled while it waited
            }
            try {
                result.complete(run(inputs));
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        };
        try {
            engineThreads.execute(call);
        } catch (RejectedExecutionException e) {
            if (engineThreads.isShutdown()) {
                return CompletableFuture.failedFuture(new InferenceException(InferenceException.Kind.UNAVAILABLE,
                        "model '" + name() + "' is shutting down"));
            }
            return CompletableFuture.failedFuture(new OverloadedException("model '" + name() + "' is overloaded: "
                    + limit + " requests are already in progress; retry later", 1));
        }
        // A caller that gives up (cancels the future) frees its place in the line at once.
        result.whenComplete((outputs, error) -> {
            if (result.isCancelled()) {
                engineThreads.remove(call);
            }
        });
        return result;
    }

    private List<Tensor> run(List<Tensor> inputs) {
        long started = System.nanoTime();
        try {
            return delegate.predict(inputs);
        } finally {
            observer.batchRan(name(), version(), 1, inputs.isEmpty() || inputs.get(0).shape().length == 0 ? 1
                    : inputs.get(0).shape()[0], System.nanoTime() - started);
        }
    }

    @Override
    public int queueDepth() {
        return engineThreads.getQueue().size();
    }

    /**
     * Refuses new calls, lets the queued and running ones finish (30 s for all of them), then closes the model. An
     * engine thread still busy by then keeps the model open: freeing native memory under a running predict could
     * crash the JVM, and a leak at shutdown costs nothing.
     */
    @Override
    public void close() {
        engineThreads.shutdown();
        try {
            if (!engineThreads.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warnf("%s: a call is still in the engine after 30 s; leaving the model open", delegate);
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        delegate.close();
    }
}
