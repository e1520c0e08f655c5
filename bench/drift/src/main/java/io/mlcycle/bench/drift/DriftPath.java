package io.mlcycle.bench.drift;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mlcycle.api.v1alpha1.DriftMonitorSpec;
import io.mlcycle.operator.drift.ProfileWindow;
import io.mlcycle.operator.drift.ReferenceColumns;
import io.mlcycle.operator.drift.WindowEvaluation;

/**
 * One table through mlcycle's drift path, stage by stage: the trainer profiles the reference rows, the runtime's pods
 * sketch the current rows, the operator merges the pods' windows and judges them with a DriftMonitor's defaults
 * (DataDriftPreset's: {@code auto} tests, drift share 0.5).
 */
public final class DriftPath {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DriftPath() {
    }

    /** What each stage made. */
    public record Outcome(JsonNode reference, List<JsonNode> profiles, WindowEvaluation.Verdict verdict) {
    }

    /** The whole path with its defaults: {@code pods} pods fed batches of {@code batchRows} on {@code threads}. */
    public static Outcome run(DriftTable table, int pods, int batchRows, int threads) {
        JsonNode reference = reference(table);
        List<JsonNode> profiles = serve(table, reference, pods, batchRows, threads);
        return new Outcome(reference, profiles, judge(reference, profiles));
    }

    /** The trainer's reference profile of the table's reference rows. */
    public static JsonNode reference(DriftTable table) {
        return TrainerReference.profile(table, table.readReference(), JSON);
    }

    /** The pods' window profiles after serving the table's current rows. */
    public static List<JsonNode> serve(DriftTable table, JsonNode reference, int pods, int batchRows, int threads) {
        RuntimePods runtime = new RuntimePods(new TableModel(table, reference), pods);
        runtime.serve(table, batchRows, threads);
        return runtime.profiles(JSON);
    }

    /** The operator's verdict on the merged window, as the DriftMonitor reconciler evaluates one. */
    public static WindowEvaluation.Verdict judge(JsonNode reference, List<JsonNode> profiles) {
        return judge(ReferenceColumns.of(reference), profiles);
    }

    /** {@link #judge(JsonNode, List)} with the reference already read, as the reconciler caches it per version. */
    public static WindowEvaluation.Verdict judge(ReferenceColumns reference, List<JsonNode> profiles) {
        ProfileWindow window = new ProfileWindow("features");
        profiles.forEach(window::add);
        return WindowEvaluation.evaluate(new DriftMonitorSpec(), reference, window, "1", Instant.now());
    }
}
