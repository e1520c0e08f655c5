package io.mlcycle.bench.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mlcycle.runtime.drift.DriftProfiles;
import io.mlcycle.runtime.drift.DriftRecorder;
import io.mlcycle.runtime.drift.ProfilingModel;
import io.mlcycle.runtime.tensor.Tensor;

/**
 * Serving pods as far as drift goes: each a runtime {@link DriftProfiles} recorder behind a {@link ProfilingModel},
 * as the runtime wires them, taking every {@code pods}-th batch of the current rows (a Service spreading requests).
 * Their window profiles are the JSON {@code GET /v2/models/{m}/profile} answers.
 */
public final class RuntimePods {

    private final List<ProfilingModel> models = new ArrayList<>();
    private final List<DriftRecorder> recorders = new ArrayList<>();

    public RuntimePods(TableModel model, int pods) {
        for (int p = 0; p < pods; p++) {
            DriftRecorder recorder = DriftProfiles.withDefaults().create(model);
            recorders.add(recorder);
            models.add(new ProfilingModel(model, recorder));
        }
    }

    /**
     * Sends the table's current rows through the pods in batches of {@code batchRows}, each pod on its own thread
     * (at most {@code threads} at once), reading each batch from the file as a request would bring it.
     */
    public void serve(DriftTable table, int batchRows, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, models.size())));
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int p = 0; p < models.size(); p++) {
                int pod = p;
                done.add(pool.submit(() -> servePod(table, pod, batchRows)));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private void servePod(DriftTable table, int pod, int batchRows) {
        try (DriftTable.BatchReader reader = table.currentBatches()) {
            for (int first = pod * batchRows; first < table.currentRows(); first += models.size() * batchRows) {
                int count = Math.min(batchRows, table.currentRows() - first);
                Tensor batch = Tensor.of(TableModel.INPUT, new long[] {count, table.width()}, reader.rows(first, count));
                models.get(pod).predict(List.of(batch));
                recorders.get(pod).countRequest();
            }
        }
    }

    /** Each pod's window, ended now, as the JSON its {@code /profile} answers. */
    public List<JsonNode> profiles(ObjectMapper json) {
        List<JsonNode> profiles = new ArrayList<>();
        for (DriftRecorder recorder : recorders) {
            profiles.add(json.valueToTree(recorder.readAndReset()));
        }
        return profiles;
    }
}
