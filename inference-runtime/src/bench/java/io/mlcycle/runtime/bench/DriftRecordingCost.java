package io.mlcycle.runtime.bench;

import io.mlcycle.runtime.drift.DriftProfiles;
import io.mlcycle.runtime.drift.DriftRecorder;
import io.mlcycle.runtime.engine.EngineKind;
import io.mlcycle.runtime.engine.LoadedModel;
import io.mlcycle.runtime.tensor.Datatype;
import io.mlcycle.runtime.tensor.ModelSignature;
import io.mlcycle.runtime.tensor.Tensor;
import io.mlcycle.runtime.tensor.TensorSpec;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** Times DriftRecorder.record on one thread: nanoseconds per batch and per row, for a tabular model's batches. */
final class DriftRecordingCost {

    /** Only the signature matters to the recorder. */
    private record Signature(int features) implements LoadedModel {
        public String name() {
            return "bench";
        }

        public String version() {
            return "1";
        }

        public EngineKind engine() {
            return EngineKind.XGBOOST;
        }

        public ModelSignature signature() {
            return new ModelSignature(List.of(new TensorSpec("input", Datatype.FP32, new long[] {-1, features})),
                    List.of(new TensorSpec("output", Datatype.FP32, new long[] {-1})));
        }

        public List<Tensor> predict(List<Tensor> inputs) {
            throw new UnsupportedOperationException();
        }

        public void close() {
        }
    }

    private DriftRecordingCost() {
    }

    static String measure(int features, int rows, int batches) {
        DriftRecorder recorder = DriftProfiles.withDefaults().create(new Signature(features));
        Random random = new Random(1);
        float[] x = new float[rows * features];
        float[] y = new float[rows];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = random.nextFloat();
        }
        List<Tensor> inputs = List.of(Tensor.of("input", new long[] {rows, features}, x));
        List<Tensor> outputs = List.of(Tensor.of("output", new long[] {rows}, y));
        for (int i = 0; i < batches; i++) { // warm-up: JIT and the sketches' first compactions
            recorder.record(inputs, outputs);
        }
        long start = System.nanoTime();
        for (int i = 0; i < batches; i++) {
            recorder.record(inputs, outputs);
        }
        long elapsed = System.nanoTime() - start;
        long readStart = System.nanoTime();
        recorder.readAndReset();
        long read = System.nanoTime() - readStart;
        return String.format(Locale.ROOT, "features=%d rows_per_batch=%d ns_per_batch=%.0f ns_per_row=%.1f "
                + "ns_per_value=%.1f read_and_reset_us=%d", features, rows, (double) elapsed / batches,
                (double) elapsed / batches / rows, (double) elapsed / batches / rows / (features + 1), read / 1000);
    }
}
