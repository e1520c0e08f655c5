package io.mlcycle.runtime.app;

import io.mlcycle.runtime.engine.EngineKind;
import io.mlcycle.runtime.engine.LoadedModel;
import io.mlcycle.runtime.tensor.Datatype;
import io.mlcycle.runtime.tensor.ModelSignature;
import io.mlcycle.runtime.tensor.Tensor;
import io.mlcycle.runtime.tensor.TensorSpec;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/** A fake model "gated" that echoes FP32 input "x" [-1, 1] as "y", and can be held inside the engine until opened. */
final class GatedModel implements LoadedModel {

    /** Rows now waiting inside the engine for the gate. */
    final AtomicLong heldRows = new AtomicLong();
    /** Rows that ever entered the engine. */
    final AtomicLong rowsRun = new AtomicLong();
    private volatile CountDownLatch gate = new CountDownLatch(0);

    void hold() {
        gate = new CountDownLatch(1);
    }

    void open() {
        gate.countDown();
    }

    @Override
    public String name() {
        return "gated";
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
        return new ModelSignature(List.of(new TensorSpec("x", Datatype.FP32, new long[] {-1, 1})),
                List.of(new TensorSpec("y", Datatype.FP32, new long[] {-1, 1})));
    }

    @Override
    public List<Tensor> predict(List<Tensor> inputs) {
        long rows = inputs.get(0).shape()[0];
        rowsRun.addAndGet(rows);
        heldRows.addAndGet(rows);
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            heldRows.addAndGet(-rows);
        }
        return List.of(inputs.get(0).withName("y"));
    }

    @Override
    public void close() {
        open();
    }
}
