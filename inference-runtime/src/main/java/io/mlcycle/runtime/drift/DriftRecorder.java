package io.mlcycle.runtime.drift;

import io.mlcycle.runtime.tensor.Tensor;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Records one model's traffic into the current window and hands windows out. Recording happens once per engine
 * call (a whole batch) on one of several stripes, chosen by thread, each behind its own lock, so batch workers
 * rarely meet. {@link #readAndReset} swaps in a new window and then takes every stripe's lock once before merging
 * the old one: a writer holds its stripe's lock while it reads the current window and writes into it, so each
 * batch lands wholly in exactly one window and no recording is lost or counted twice.
 */
public final class DriftRecorder {

    /** Mutable state of one stripe of a window; guarded by that stripe's lock. */
    private static final class Stripe {
        private final FeatureAccumulator[] features;
        private long requests;
        private long rows;

        private Stripe(FeatureAccumulator[] prototypes) {
            features = new FeatureAccumulator[prototypes.length];
            for (int i = 0; i < prototypes.length; i++) {
                features[i] = prototypes[i].emptyCopy();
            }
        }
    }

    /** A window: when it started and its stripes. */
    private record Window(Instant start, Stripe[] stripes) {
    }

    private final String model;
    private final String version;
    private final List<FeatureColumn> inputs;
    private final List<FeatureColumn> outputs;
    private final FeatureAccumulator[] prototypes;
    private final DriftProfile.Sketch sketch;
    private final ReferenceProfile reference;
    private final Clock clock;
    private final Object[] locks;
    private volatile Window current;

    DriftRecorder(String model, String version, List<FeatureColumn> inputs, List<FeatureColumn> outputs,
            List<FeatureAccumulator> prototypes, DriftProfile.Sketch sketch, ReferenceProfile reference, Clock clock,
            int stripes) {
        this.model = model;
        this.version = version;
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.prototypes = prototypes.toArray(FeatureAccumulator[]::new);
        this.sketch = sketch;
        this.reference = reference;
        this.clock = clock;
        this.locks = new Object[Integer.highestOneBit(Math.max(1, stripes - 1)) << 1];
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
        this.current = newWindow(clock.instant());
    }

    public List<FeatureColumn> inputs() {
        return inputs;
    }

    public List<FeatureColumn> outputs() {
        return outputs;
    }

    /** The reference profile live windows are binned by and compared with. */
    public ReferenceProfile reference() {
        return reference;
    }

    /** Counts one inference request answered successfully. */
    public void countRequest() {
        int stripe = stripe();
        synchronized (locks[stripe]) {
            current.stripes()[stripe].requests++;
        }
    }

    /** Records one engine call: its input tensors (matched by name) and its outputs. */
    public void record(List<Tensor> batchInputs, List<Tensor> batchOutputs) {
        int stripe = stripe();
        synchronized (locks[stripe]) {
            Stripe state = current.stripes()[stripe];
            state.rows += rows(batchInputs);
            add(state, 0, inputs, batchInputs);
            add(state, inputs.size(), outputs, batchOutputs);
        }
    }

    private static void add(Stripe state, int offset, List<FeatureColumn> columns, List<Tensor> tensors) {
        for (int i = 0; i < columns.size(); i++) {
            FeatureColumn column = columns.get(i);
            Tensor tensor = Tensor.named(tensors, column.tensor()).orElse(null);
            if (tensor != null && fits(tensor, column)) {
                state.features[offset + i].add(tensor, column.column(), column.width());
            }
        }
    }

    /** Whether the tensor has the layout the column was planned for (a model may answer other shapes). */
    private static boolean fits(Tensor tensor, FeatureColumn column) {
        long[] shape = tensor.shape();
        return column.width() == 1 && shape.length == 1 || shape.length == 2 && shape[1] == column.width();
    }

    private static long rows(List<Tensor> tensors) {
        if (tensors.isEmpty()) {
            return 0;
        }
        long[] shape = tensors.get(0).shape();
        return shape.length == 0 ? 1 : shape[0];
    }

    /** The current window so far; recording goes on into the same window. */
    public DriftProfile read() {
        return summarize(current, false, clock.instant());
    }

    /** The current window, ended now; a new window starts at the same instant. */
    public DriftProfile readAndReset() {
        Window ended;
        Instant now;
        synchronized (this) {
            ended = current;
            now = clock.instant();
            current = newWindow(now);
        }
        return summarize(ended, true, now);
    }

    private DriftProfile summarize(Window window, boolean reset, Instant end) {
        FeatureAccumulator[] merged = new FeatureAccumulator[prototypes.length];
        for (int i = 0; i < merged.length; i++) {
            merged[i] = prototypes[i].emptyCopy();
        }
        long requests = 0;
        long rows = 0;
        // Taking each lock waits out a writer still inside the (old) window and makes its writes visible.
        for (int s = 0; s < locks.length; s++) {
            synchronized (locks[s]) {
                Stripe stripe = window.stripes()[s];
                requests += stripe.requests;
                rows += stripe.rows;
                for (int i = 0; i < merged.length; i++) {
                    merged[i].mergeFrom(stripe.features[i]);
                }
            }
        }
        return new DriftProfile(model, version, window.start().toString(), end.toString(), reset, requests, rows,
                sketch, summaries(merged, 0, inputs), summaries(merged, inputs.size(), outputs));
    }

    private static List<FeatureSummary> summaries(FeatureAccumulator[] merged, int offset, List<FeatureColumn> columns) {
        List<FeatureSummary> list = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            list.add(merged[offset + i].summary(columns.get(i)));
        }
        return list;
    }

    private Window newWindow(Instant start) {
        Stripe[] stripes = new Stripe[locks.length];
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Stripe(prototypes);
        }
        return new Window(start, stripes);
    }

    private int stripe() {
        return (int) (Thread.currentThread().getId() & (locks.length - 1));
    }
}
