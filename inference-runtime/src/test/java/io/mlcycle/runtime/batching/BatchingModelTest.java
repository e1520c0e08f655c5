package io.mlcycle.runtime.batching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlcycle.runtime.InferenceException;
import io.mlcycle.runtime.tensor.Tensor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The dynamic batcher against a fake engine: merging, splitting, delays, backpressure, failures, shutdown. */
class BatchingModelTest {

    private final TestingModel engine = new TestingModel();
    private final List<ScheduledModel> opened = new ArrayList<>();

    @AfterEach
    void closeModels() {
        engine.open();
        opened.forEach(ScheduledModel::close);
    }

    private ScheduledModel batcher(int maxBatchSize, Duration maxDelay, int queueCapacity, int workers) {
        ScheduledModel model = new BatchingPolicy(new BatchingSettings(maxBatchSize, maxDelay, queueCapacity, workers),
                BatchObserver.NONE).schedule(engine);
        opened.add(model);
        return model;
    }

    /** A request of {@code rows} rows of {@code cols} columns holding {@code first}, {@code first + 1}, … */
    private static List<Tensor> x(int rows, int cols, float first) {
        float[] data = new float[rows * cols];
        for (int i = 0; i < data.length; i++) {
            data[i] = first + i;
        }
        return List.of(Tensor.of("x", new long[] {rows, cols}, data));
    }

    private static List<Tensor> answer(CompletableFuture<List<Tensor>> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    /**
     * Puts a one-row request into the engine and keeps it there until {@code engine.open()}: requests offered
     * meanwhile queue up, as they do under load.
     */
    private CompletableFuture<List<Tensor>> keepEngineBusy(ScheduledModel model) throws InterruptedException {
        engine.entered.drainPermits();
        engine.hold();
        CompletableFuture<List<Tensor>> blocker = model.predictAsync(x(1, 1, 0));
        engine.awaitEntered(1);
        return blocker;
    }

    @Test
    void aLoneRequestRunsAtOnceInsteadOfWaitingMaxDelayForCompany() throws Exception {
        ScheduledModel model = batcher(32, Duration.ofSeconds(30), 16, 2);
        assertThat(model).isInstanceOf(BatchingModel.class);
        long start = System.nanoTime();
        assertThat((float[]) answer(model.predictAsync(x(1, 2, 3))).get(1).data()).containsExactly(7);
        assertThat((System.nanoTime() - start) / 1_000_000).as("answered without the 30 s max-delay")
                .isLessThan(10_000L);
        assertThat(engine.callRows).containsExactly(1L);
    }

    @Test
    void aRequestThatCannotBeBatchedCountsAsAnEngineCallLikeAnyOther() throws Exception {
        ScheduledModel model = batcher(32, Duration.ofSeconds(30), 16, 1);
        CompletableFuture<List<Tensor>> scalar = model.predictAsync(List.of(Tensor.of("x", new long[0], new float[1])));
        assertThat(scalar).as("runs alone (the fake engine cannot take a scalar: it fails)")
                .failsWithin(Duration.ofSeconds(10));
        long start = System.nanoTime();
        answer(model.predictAsync(x(1, 2, 0)));
        assertThat((System.nanoTime() - start) / 1_000_000).as("the engine is idle again: no 30 s max-delay")
                .isLessThan(10_000L);
    }

    @Test
    void requestsQueuedWhileTheEngineIsBusyShareOneEngineCallAndEachGetsItsOwnRowsInOrder() throws Exception {
        ScheduledModel model = batcher(4, Duration.ofSeconds(10), 16, 1);
        assertThat(model).isInstanceOf(BatchingModel.class);
        CompletableFuture<List<Tensor>> blocker = keepEngineBusy(model);
        List<CompletableFuture<List<Tensor>>> futures = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            futures.add(model.predictAsync(x(1, 2, 10 * i)));
        }
        engine.open();
        answer(blocker);
        for (int i = 0; i < 4; i++) {
            List<Tensor> outputs = answer(futures.get(i));
            assertThat(outputs).extracting(Tensor::name).containsExactly("twice", "sum");
            assertThat(outputs.get(0).shape()).containsExactly(1, 2);
            assertThat((float[]) outputs.get(0).data()).containsExactly(20 * i, 20 * i + 2);
            assertThat((float[]) outputs.get(1).data()).containsExactly(20 * i + 1);
        }
        assertThat(engine.callRows).as("the blocker, then the four as one call").containsExactly(1L, 4L);
    }

    @Test
    void requestsOfSeveralRowsAreMergedAndSplitByTheirOwnRowCounts() throws Exception {
        ScheduledModel model = batcher(6, Duration.ofSeconds(10), 16, 1);
        keepEngineBusy(model);
        CompletableFuture<List<Tensor>> one = model.predictAsync(x(1, 3, 0));
        CompletableFuture<List<Tensor>> three = model.predictAsync(x(3, 3, 100));
        CompletableFuture<List<Tensor>> two = model.predictAsync(x(2, 3, 200));
        engine.open();

        assertThat((float[]) answer(one).get(1).data()).containsExactly(3);
        assertThat(answer(three).get(0).shape()).containsExactly(3, 3);
        assertThat((float[]) answer(three).get(1).data()).containsExactly(303, 312, 321);
        assertThat((float[]) answer(two).get(1).data()).containsExactly(603, 612);
        assertThat(engine.callRows).containsExactly(1L, 6L);
    }

    @Test
    void aRequestLargerThanTheBatchRunsAloneAndOneThatWouldOverflowItStartsTheNext() throws Exception {
        ScheduledModel model = batcher(4, Duration.ofMillis(200), 16, 1);
        CompletableFuture<List<Tensor>> big = model.predictAsync(x(5, 1, 0));
        assertThat(answer(big).get(0).shape()).containsExactly(5, 1);

        keepEngineBusy(model);
        CompletableFuture<List<Tensor>> three = model.predictAsync(x(3, 1, 0));
        CompletableFuture<List<Tensor>> two = model.predictAsync(x(2, 1, 10));
        CompletableFuture<List<Tensor>> one = model.predictAsync(x(1, 1, 20));
        engine.open();
        assertThat((float[]) answer(two).get(0).data()).containsExactly(20, 22);
        assertThat((float[]) answer(one).get(0).data()).containsExactly(40);
        assertThat(answer(three).get(0).shape()).containsExactly(3, 1);
        assertThat(engine.callRows).as("5 alone; the blocker; 3 (the 2 would overflow it); then 2 + 1")
                .containsExactly(5L, 1L, 3L, 3L);
    }

    @Test
    void aRequestCancelledWhileQueuedLeavesTheQueueAndNeverRuns() throws Exception {
        ScheduledModel model = batcher(64, Duration.ofMillis(1), 16, 1);
        CompletableFuture<List<Tensor>> blocker = keepEngineBusy(model);
        CompletableFuture<List<Tensor>> gaveUp = model.predictAsync(x(3, 1, 0));
        CompletableFuture<List<Tensor>> waits = model.predictAsync(x(2, 1, 10));
        assertThat(model.queueDepth()).isEqualTo(2);

        gaveUp.cancel(false);

        assertThat(model.queueDepth()).as("its place is free at once").isEqualTo(1);
        engine.open();
        answer(blocker);
        assertThat((float[]) answer(waits).get(0).data()).containsExactly(20, 22);
        assertThat(engine.callRows).as("the blocker, then only the request still waited for").containsExactly(1L, 2L);
    }

    @Test
    void whileAnotherBatchRunsAPartialBatchWaitsMaxDelayForCompanyThenRuns() throws Exception {
        // 200 ms, so a stall of a busy machine between submitting a and b does not split them.
        ScheduledModel model = batcher(64, Duration.ofMillis(200), 16, 2);
        CompletableFuture<List<Tensor>> blocker = keepEngineBusy(model);
        long start = System.nanoTime();
        CompletableFuture<List<Tensor>> a = model.predictAsync(x(1, 2, 0));
        CompletableFuture<List<Tensor>> b = model.predictAsync(x(2, 2, 0));
        engine.awaitEntered(1);
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(engine.callRows).as("the second worker ran a and b while the blocker was still in the engine")
                .containsExactly(1L, 3L);
        assertThat(waitedMillis).as("waited for max-delay, not for a full batch").isBetween(195L, 5_000L);
        engine.open();
        answer(blocker);
        answer(a);
        answer(b);
    }

    @Test
    void aPartialBatchStopsWaitingForCompanyWhenTheEngineFallsIdle() throws Exception {
        ScheduledModel model = batcher(64, Duration.ofSeconds(30), 16, 2);
        CompletableFuture<List<Tensor>> blocker = keepEngineBusy(model);
        long start = System.nanoTime();
        CompletableFuture<List<Tensor>> waiting = model.predictAsync(x(1, 2, 1));
        engine.open();
        answer(blocker);
        assertThat((float[]) answer(waiting).get(1).data()).containsExactly(3);
        assertThat((System.nanoTime() - start) / 1_000_000).as("answered without the 30 s max-delay")
                .isLessThan(10_000L);
    }

    @Test
    void requestsWithOtherNonBatchDimensionsGoIntoOtherBatches() throws Exception {
        ScheduledModel model = batcher(2, Duration.ofSeconds(10), 16, 1);
        keepEngineBusy(model);
        CompletableFuture<List<Tensor>> narrowA = model.predictAsync(x(1, 2, 0));
        CompletableFuture<List<Tensor>> wideA = model.predictAsync(x(1, 3, 0));
        CompletableFuture<List<Tensor>> narrowB = model.predictAsync(x(1, 2, 5));
        CompletableFuture<List<Tensor>> wideB = model.predictAsync(x(1, 3, 5));
        engine.open();

        assertThat((float[]) answer(narrowB).get(1).data()).containsExactly(11);
        assertThat((float[]) answer(wideB).get(1).data()).containsExactly(18);
        assertThat(answer(narrowA).get(0).shape()).containsExactly(1, 2);
        assertThat(answer(wideA).get(0).shape()).containsExactly(1, 3);
        assertThat(engine.callRows).containsExactly(1L, 2L, 2L);
    }

    @Test
    void aFullQueueRefusesAtOnceAsOverloadedAndNothingWaitsUnbounded() throws Exception {
        ScheduledModel model = batcher(2, Duration.ZERO, 2, 1);
        engine.hold();
        CompletableFuture<List<Tensor>> inEngine = model.predictAsync(x(1, 2, 0));
        engine.awaitEntered(1);
        CompletableFuture<List<Tensor>> queued1 = model.predictAsync(x(1, 2, 1));
        CompletableFuture<List<Tensor>> queued2 = model.predictAsync(x(1, 2, 2));
        assertThat(model.queueDepth()).isEqualTo(2);

        CompletableFuture<List<Tensor>> refused = model.predictAsync(x(1, 2, 3));
        assertThat(refused).isCompletedExceptionally();
        assertThatThrownBy(refused::join).cause().isInstanceOfSatisfying(OverloadedException.class, e -> {
            assertThat(e.kind()).isEqualTo(InferenceException.Kind.OVERLOADED);
            assertThat(e.retryAfterSeconds()).isEqualTo(1);
            assertThat(e).hasMessageContaining("model 'echo' is overloaded: 2 requests are already queued");
        });

        engine.open();
        answer(inEngine);
        answer(queued1);
        answer(queued2);
        assertThat(model.queueDepth()).isZero();
        assertThat(engine.callRows).containsExactly(1L, 2L);
    }

    @Test
    void anEngineFailureFailsOnlyThatBatchAndTheWorkersGoOn() throws Exception {
        ScheduledModel model = batcher(2, Duration.ofSeconds(10), 16, 1);
        keepEngineBusy(model);
        CompletableFuture<List<Tensor>> poisoned = model.predictAsync(x(1, 2, -5));
        CompletableFuture<List<Tensor>> unlucky = model.predictAsync(x(1, 2, 1));
        CompletableFuture<List<Tensor>> otherShape = model.predictAsync(x(1, 3, 1));
        CompletableFuture<List<Tensor>> later = model.predictAsync(x(1, 3, 2));
        engine.open();

        for (CompletableFuture<List<Tensor>> failed : List.of(poisoned, unlucky)) {
            assertThatThrownBy(() -> answer(failed)).cause().isInstanceOf(IllegalStateException.class)
                    .hasMessage("negative value -5.0");
        }
        assertThat((float[]) answer(otherShape).get(1).data()).containsExactly(6);
        assertThat((float[]) answer(later).get(1).data()).containsExactly(9);
        CompletableFuture<List<Tensor>> again = model.predictAsync(x(1, 2, 0));
        model.predictAsync(x(1, 2, 0));
        assertThat((float[]) answer(again).get(1).data()).containsExactly(1);
    }

    @Test
    void batchesRunOnWorkerThreadsAndSeveralWorkersRunAtOnce() throws Exception {
        ScheduledModel model = batcher(1_000, Duration.ZERO, 16, 2);
        engine.hold();
        CompletableFuture<List<Tensor>> first = model.predictAsync(x(1, 2, 0));
        engine.awaitEntered(1);
        CompletableFuture<List<Tensor>> second = model.predictAsync(x(1, 2, 0));
        engine.awaitEntered(1);
        engine.open();
        answer(first);
        answer(second);
        assertThat(engine.callThreads).doesNotContain(Thread.currentThread());
        assertThat(engine.callThreads.get(0)).isNotSameAs(engine.callThreads.get(1));
    }

    @Test
    void closingFailsQueuedRequestsAsUnavailableAndClosesTheEngine() throws Exception {
        ScheduledModel batched = batcher(2, Duration.ZERO, 4, 1);
        engine.hold();
        CompletableFuture<List<Tensor>> inEngine = batched.predictAsync(x(1, 2, 0));
        engine.awaitEntered(1);
        CompletableFuture<List<Tensor>> queued = batched.predictAsync(x(1, 2, 0));

        Thread closer = new Thread(batched::close);
        closer.start();
        assertThatThrownBy(() -> answer(queued)).cause().isInstanceOfSatisfying(InferenceException.class,
                e -> assertThat(e.kind()).isEqualTo(InferenceException.Kind.UNAVAILABLE));
        engine.open();
        closer.join(10_000);
        assertThat(answer(inEngine)).as("the batch in the engine finishes").hasSize(2);
        assertThat(engine.closed).isTrue();
        assertThatThrownBy(() -> batched.predict(x(1, 2, 0))).isInstanceOfSatisfying(InferenceException.class,
                e -> assertThat(e).hasMessage("model 'echo' is shutting down"));
    }
}
