package io.mlcycle.bench.drift;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.mlcycle.api.v1alpha1.FeatureDriftResult;
import io.mlcycle.operator.drift.ReferenceColumns;
import io.mlcycle.operator.drift.WindowEvaluation;

/**
 * {@code make bench-drift}'s mlcycle side, in two processes as in production: {@code reference} times the trainer's
 * reference profile of the reference rows (read before the clock starts, as Evidently's frames are loaded before its
 * run) and writes it; {@code window} times the runtime pods' sketching of the current rows (read from the file batch
 * by batch, inside the clock) and the operator's evaluation of the merged window, then the evaluation alone many
 * times. Each writes its figures, its peak memory and (window) the verdicts as JSON.
 *
 * <pre>DriftBench reference TABLE_DIR PROFILE.json OUT.json
 * DriftBench window TABLE_DIR PROFILE.json OUT.json [PODS=4] [BATCH_ROWS=1000] [THREADS=cores] [EVALUATIONS=200]</pre>
 */
public final class DriftBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DriftBench() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 4 || !List.of("reference", "window").contains(args[0])) {
            System.err.println("usage: DriftBench reference|window TABLE_DIR PROFILE.json OUT.json [PODS] [BATCH_ROWS]"
                    + " [THREADS] [EVALUATIONS]");
            System.exit(2);
        }
        DriftTable table = DriftTable.read(Path.of(args[1]));
        Path profile = Path.of(args[2]);
        Map<String, Object> out = args[0].equals("reference") ? reference(table, profile)
                : window(table, JSON.readTree(profile.toFile()), args);
        out.put("peakRssMiB", peakRssMiB());
        out.put("peakHeapMiB", peakHeapMiB());
        out.put("maxHeapMiB", Runtime.getRuntime().maxMemory() / (1024.0 * 1024));
        JSON.writer().with(SerializationFeature.INDENT_OUTPUT).writeValue(Path.of(args[3]).toFile(), out);
    }

    private static Map<String, Object> reference(DriftTable table, Path profile) throws IOException {
        float[] rows = table.readReference();
        long start = System.nanoTime();
        JsonNode reference = TrainerReference.profile(table, rows, JSON);
        long done = System.nanoTime();
        JSON.writeValue(profile.toFile(), reference);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("table", table.name());
        out.put("referenceRows", table.referenceRows());
        out.put("features", table.width());
        out.put("referenceProfileSeconds", (done - start) / 1e9);
        return out;
    }

    private static Map<String, Object> window(DriftTable table, JsonNode reference, String[] args) {
        int pods = args.length > 4 ? Integer.parseInt(args[4]) : 4;
        int batchRows = args.length > 5 ? Integer.parseInt(args[5]) : 1000;
        int threads = args.length > 6 ? Integer.parseInt(args[6]) : Runtime.getRuntime().availableProcessors();
        int evaluations = args.length > 7 ? Integer.parseInt(args[7]) : 200;

        long start = System.nanoTime();
        List<JsonNode> profiles = DriftPath.serve(table, reference, pods, batchRows, threads);
        long served = System.nanoTime();
        // The reconciler reads a version's reference once and keeps it.
        ReferenceColumns columns = ReferenceColumns.of(reference);
        WindowEvaluation.Verdict verdict = DriftPath.judge(columns, profiles);
        long judged = System.nanoTime();

        double[] evaluationMs = new double[evaluations];
        for (int i = 0; i < evaluations; i++) {
            long t = System.nanoTime();
            DriftPath.judge(columns, profiles);
            evaluationMs[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(evaluationMs);

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("table", table.name());
        out.put("currentRows", table.currentRows());
        out.put("features", table.width());
        out.put("pods", pods);
        out.put("batchRows", batchRows);
        out.put("threads", threads);
        out.put("sketchCurrentSeconds", (served - start) / 1e9);
        out.put("firstEvaluationSeconds", (judged - served) / 1e9);
        out.put("evaluations", evaluations);
        out.put("evaluationMsP50", evaluationMs[evaluations / 2]);
        out.put("evaluationMsP99", evaluationMs[Math.min(evaluations - 1, (int) Math.ceil(evaluations * 0.99) - 1)]);
        Map<String, Object> verdicts = new LinkedHashMap<>();
        for (FeatureDriftResult result : verdict.evaluation().getFeatures()) {
            verdicts.put(result.getName(), Map.of("test", result.getTest(), "score", result.getScore(), "drifted",
                    result.getDrifted()));
        }
        out.put("columns", verdicts);
        out.put("share", verdict.evaluation().getDriftShare());
        out.put("drifted", verdict.drifted());
        return out;
    }

    /** The process's peak resident set (VmHWM), the figure Evidently's side reports as ru_maxrss. */
    private static double peakRssMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return -1;
    }

    /** The sum of the heap pools' peak usage. */
    private static double peakHeapMiB() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes / (1024.0 * 1024);
    }
}
