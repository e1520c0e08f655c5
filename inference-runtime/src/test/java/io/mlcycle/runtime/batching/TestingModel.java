package io.mlcycle.runtime.batching;

import io.mlcycle.runtime.engine.EngineKind;
import io.mlcycle.runtime.engine.LoadedModel;
import io.mlcycle.runtime.tensor.Datatype;
import io.mlcycle.runtime.tensor.ModelSignature;
import io.mlcycle.runtime.tensor.Tensor;
import io.mlcycle.runtime.tensor.TensorSpec;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A fake engine: doubles FP32 input "x" of any shape into "twice" and sums each row into "sum". It records the rows
 * of every call and the thread it ran on, fails a whole call when any value is negative, and can be held inside the
 * engine until the test lets it go.
 */
final class TestingModel implements LoadedModel {

    final List<Long> callRows = new CopyOnWriteArrayList<>();
    final List<Thread> callThreads = new CopyOnWriteArrayList<>();
    final Semaphore entered = new Semaphore(0);
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private final long[] inputShape;
    volatile boolean closed;

    TestingModel() {
        this(new long[] {-1, -1});
    }

    TestingModel(long[] inputShape) {
        this.inputShape = inputShape;
    }

    /** From now on, calls wait inside the engine until {@link #open()}. */
    void hold() {
        gate = new CountDownLatch(1);
    }

    void open() {
        gate.countDown();
    }

    /** Waits until {@code calls} calls have entered the engine. */
    void awaitEntered(int calls) throws InterruptedException {
        if (!entered.tryAcquire(calls, 10, TimeUnit.SECONDS)) {
            throw new AssertionError("engine not entered " + calls + " times within 10 s");
        }
    }

    @Override
    public String name() {
        return "echo";
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public EngineKind engine() {
        return EngineKind.ONNXRUNTIME;
    }

    @Override
    public ModelSignature signature() {
        long[] out = inputShape[0] == -1 ? new long[] {-1} : new long[] {inputShape[0]};
        return new ModelSignature(List.of(new TensorSpec("x", Datatype.FP32, inputShape)),
                List.of(new TensorSpec("twice", Datatype.FP32, inputShape), new TensorSpec("sum", Datatype.FP32, out)));
    }

    @Override
    public List<Tensor> predict(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        callRows.add(x.shape()[0]);
        callThreads.add(Thread.currentThread());
        entered.release();
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        float[] values = (float[]) x.data();
        int rows = (int) x.shape()[0];
        int perRow = rows == 0 ? 0 : values.length / rows;
        float[] twice = new float[values.length];
        float[] sum = new float[rows];
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0) {
                throw new IllegalStateException("negative value " + values[i]);
            }
            twice[i] = 2 * values[i];
            sum[i / perRow] += values[i];
        }
        return List.of(new Tensor("twice", Datatype.FP32, x.shape(), twice), Tensor.of("sum", new long[] {rows}, sum));
    }

    @Override
    public void close() {
        closed = true;
    }
}
