package io.mlcycle.runtime.batching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlcycle.runtime.InferenceException;
import io.mlcycle.runtime.tensor.Tensor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Batching off (or impossible): one request per engine call, on engine threads of its own, bounded. */
class PassThroughModelTest {

    private final TestingModel engine = new TestingModel();
    // Written by the engine-calling threads, two at once in the overload test.
    private final List<List<Long>> observed = new CopyOnWriteArrayList<>();

    private ScheduledModel schedule(TestingModel model, int maxBatchSize, int queueCapacity, int workers) {
        return new BatchingPolicy(new BatchingSettings(maxBatchSize, Duration.ofMillis(5), queueCapacity, workers),
                (name, version, requests, rows, nanos) -> observed.add(List.of((long) requests, rows))).schedule(model);
    }

    private static List<Tensor> x(int rows) {
        return List.of(Tensor.of("x", new long[] {rows, 1}, new float[rows]));
    }

    @Test
    void maxBatchSizeOneCallsTheEngineOnceARequestOnAnEngineThreadNotTheCallers() throws Exception {
        ScheduledModel model = schedule(engine, 1, 8, 2);
        assertThat(model).isInstanceOf(PassThroughModel.class);
        assertThat(model.predictAsync(x(3)).get(10, TimeUnit.SECONDS).get(0).shape()).containsExactly(3, 1);
        assertThat(engine.callThreads).hasSize(1);
        assertThat(engine.callThreads.get(0)).isNotSameAs(Thread.currentThread());
        assertThat(engine.callThreads.get(0).getName()).isEqualTo("mlcycle-engine-echo-0");
        assertThat(observed).containsExactly(List.of(1L, 3L));
    }

    /** Puts a one-row call into the engine and keeps it there until {@code engine.open()}: later calls wait. */
    private CompletableFuture<List<Tensor>> keepEngineBusy(ScheduledModel model) throws InterruptedException {
        engine.hold();
        CompletableFuture<List<Tensor>> running = model.predictAsync(x(1));
        engine.awaitEntered(1);
        return running;
    }

    @Test
    void aHeldEngineDoesNotHoldTheCaller() throws Exception {
        ScheduledModel model = schedule(engine, 1, 8, 1);
        CompletableFuture<List<Tensor>> answer = keepEngineBusy(model);
        assertThat(answer).as("submitted and returned while the engine is held").isNotDone();
        engine.open();
        assertThat(answer.get(10, TimeUnit.SECONDS)).hasSize(2);
    }

    @Test
    void aModelWithoutAVariableBatchDimensionIsNotBatched() {
        ScheduledModel model = schedule(new TestingModel(new long[] {1, 4}), 8, 8, 2);
        assertThat(model).isInstanceOf(PassThroughModel.class);
    }

    @Test
    void aCallCancelledWhileWaitingLeavesTheLineAndNeverRuns() throws Exception {
        ScheduledModel model = schedule(engine, 1, 8, 1);
        CompletableFuture<List<Tensor>> running = keepEngineBusy(model);
        CompletableFuture<List<Tensor>> gaveUp = model.predictAsync(x(3));
        CompletableFuture<List<Tensor>> waits = model.predictAsync(x(2));
        assertThat(model.queueDepth()).isEqualTo(2);

        gaveUp.cancel(false);

        assertThat(model.queueDepth()).as("its place is free at once").isEqualTo(1);
        engine.open();
        running.get(10, TimeUnit.SECONDS);
        assertThat(waits.get(10, TimeUnit.SECONDS).get(0).shape()).containsExactly(2, 1);
        assertThat(engine.callRows).containsExactly(1L, 2L);
    }

    @Test
    void callsBeyondWorkersPlusQueueCapacityAreRefusedAsOverloaded() throws Exception {
        ScheduledModel model = schedule(engine, 1, 1, 1);
        CompletableFuture<List<Tensor>> first = keepEngineBusy(model);
        CompletableFuture<List<Tensor>> second = model.predictAsync(x(1));
        assertThat(model.queueDepth()).isEqualTo(1);
        assertThatThrownBy(() -> model.predict(x(1))).isInstanceOf(OverloadedException.class)
                .hasMessage("model 'echo' is overloaded: 2 requests are already in progress; retry later");
        assertThat(model.predictAsync(x(1))).isCompletedExceptionally();
        engine.open();
        first.get(10, TimeUnit.SECONDS);
        second.get(10, TimeUnit.SECONDS);
        assertThat(model.predict(x(1))).hasSize(2);
    }

    @Test
    void closingLetsQueuedCallsFinishThenClosesTheEngineAndRefusesNewCalls() throws Exception {
        // Room for every call the loop below makes before close() begins, however slow this machine is.
        ScheduledModel model = schedule(engine, 1, 100_000, 1);
        CompletableFuture<List<Tensor>> running = keepEngineBusy(model);
        CompletableFuture<List<Tensor>> queued = model.predictAsync(x(2));
        CompletableFuture<Void> closing = CompletableFuture.runAsync(model::close);
        List<CompletableFuture<List<Tensor>>> beforeClose = new ArrayList<>();
        CompletableFuture<List<Tensor>> refused;
        // Calls made before close() has begun (on the other thread) are queued like any other.
        while (!(refused = model.predictAsync(x(1))).isCompletedExceptionally()) {
            beforeClose.add(refused);
            Thread.sleep(1);
        }
        assertThat(refused.handle((result, error) -> error).join()).isInstanceOf(InferenceException.class)
                .hasMessage("model 'echo' is shutting down");
        assertThat(engine.closed).isFalse();
        engine.open();
        closing.get(10, TimeUnit.SECONDS);
        assertThat(running.get()).hasSize(2);
        assertThat(queued.get().get(0).shape()).containsExactly(2, 1);
        for (CompletableFuture<List<Tensor>> call : beforeClose) {
            assertThat(call.get()).hasSize(2);
        }
        assertThat(engine.closed).isTrue();
    }
}
