package io.mlcycle.runtime.batching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlcycle.runtime.tensor.Tensor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Batching off (or impossible): calls run on the caller's thread, one request per engine call, still bounded. */
class PassThroughModelTest {

    private final TestingModel engine = new TestingModel();
    // Written by the engine-calling threads, two at once in the overload test.
    private final List<List<Long>> observed = new CopyOnWriteArrayList<>();

    private ScheduledModel schedule(TestingModel model, int maxBatchSize, int queueCapacity, int workers) {
        return new BatchingPolicy(new BatchingSettings(maxBatchSize, Duration.ofMillis(5), queueCapacity, workers),
                (name, version, requests, rows) -> observed.add(List.of((long) requests, rows))).schedule(model);
    }

    private static List<Tensor> x(int rows) {
        return List.of(Tensor.of("x", new long[] {rows, 1}, new float[rows]));
    }

    @Test
    void maxBatchSizeOneCallsTheEngineOnTheCallersThreadWithNoQueue() {
        ScheduledModel model = schedule(engine, 1, 8, 2);
        assertThat(model).isInstanceOf(PassThroughModel.class);
        CompletableFuture<List<Tensor>> answer = model.predictAsync(x(3));
        assertThat(answer).as("done before predictAsync returns").isCompleted();
        assertThat(engine.callThreads).containsExactly(Thread.currentThread());
        assertThat(observed).containsExactly(List.of(1L, 3L));
    }

    @Test
    void aModelWithoutAVariableBatchDimensionIsNotBatched() {
        ScheduledModel model = schedule(new TestingModel(new long[] {1, 4}), 8, 8, 2);
        assertThat(model).isInstanceOf(PassThroughModel.class);
    }

    @Test
    void callsBeyondWorkersPlusQueueCapacityAreRefusedAsOverloaded() throws Exception {
        ScheduledModel model = schedule(engine, 1, 1, 1);
        engine.hold();
        CompletableFuture<List<Tensor>> first = CompletableFuture.supplyAsync(() -> model.predict(x(1)));
        CompletableFuture<List<Tensor>> second = CompletableFuture.supplyAsync(() -> model.predict(x(1)));
        engine.awaitEntered(2);
        assertThat(model.queueDepth()).isEqualTo(1);
        assertThatThrownBy(() -> model.predict(x(1))).isInstanceOf(OverloadedException.class)
                .hasMessage("model 'echo' is overloaded: 2 requests are already in progress; retry later");
        assertThat(model.predictAsync(x(1))).isCompletedExceptionally();
        engine.open();
        first.get(10, TimeUnit.SECONDS);
        second.get(10, TimeUnit.SECONDS);
        assertThat(model.predict(x(1))).hasSize(2);
    }
}
