package io.mlcycle.runtime.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;
import org.junit.jupiter.api.Test;

/** The recorder on a fake tabular model: names, bins, bounded categories, mergeable sketches, atomic resets. */
class DriftRecorderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static DriftRecorder recorder(DriftSettings settings, String reference) throws Exception {
        Optional<JsonNode> node = reference == null ? Optional.empty() : Optional.of(JSON.readTree(reference));
        return new DriftProfiles(settings, Optional.empty(), Clock.systemUTC(), 4).create(new TabularModel(node));
    }

    private static void record(DriftRecorder recorder, TabularModel model, float[][] rows) {
        var inputs = TabularModel.batch(rows);
        recorder.record(inputs, model.predict(inputs));
    }

    private static KllDoublesSketch sketch(FeatureSummary feature) {
        return KllDoublesSketch.heapify(Memory.wrap(Base64.getDecoder().decode(feature.kll())));
    }

    @Test
    void namesFeaturesFromTheManifestAndProfilesPredictions() throws Exception {
        DriftRecorder recorder = recorder(DriftSettings.defaults(), null);
        TabularModel model = new TabularModel(Optional.empty());
        recorder.countRequest();
        record(recorder, model, new float[][] {{30, 1}, {40, 2}, {Float.NaN, 2}});

        DriftProfile profile = recorder.read();
        assertThat(profile.requests()).isEqualTo(1);
        assertThat(profile.rows()).isEqualTo(3);
        FeatureSummary age = profile.features().get(0);
        assertThat(age.name()).isEqualTo("age");
        assertThat(age.source()).isEqualTo("x[0]");
        assertThat(age.count()).isEqualTo(2);
        assertThat(age.missing()).isEqualTo(1);
        assertThat(age.min()).isEqualTo(30.0);
        assertThat(age.quantiles()).containsKeys("p5", "p25", "p50", "p75", "p95");
        FeatureSummary plan = profile.features().get(1);
        assertThat(plan.type()).isEqualTo("categorical");
        assertThat(plan.categories()).containsEntry("1", 1L).containsEntry("2", 2L);
        assertThat(profile.predictions()).extracting(FeatureSummary::name)
                .containsExactly("score", "odds[0]", "odds[1]", "argmax(odds)");
        assertThat(profile.predictions().get(0).count()).isEqualTo(2);
    }

    @Test
    void keepsTheWholeReferenceProfileForTheOperatorToCompareWith() throws Exception {
        DriftRecorder recorder = recorder(DriftSettings.defaults(), """
                {"samples": 4, "features": [{"name": "age", "type": "numeric", "binEdges": [18, 30, 90],
                  "binCounts": [2, 2], "quantiles": [20, 25, 31, 60]}]}""");

        assertThat(recorder.reference().json()).hasValueSatisfying(json -> assertThat(json.path("features").get(0)
                .path("quantiles")).hasSize(4));
        assertThat(recorder(DriftSettings.defaults(), null).reference().json()).isEmpty();
    }

    @Test
    void countsTheClassEachRowOfScoresPicks() throws Exception {
        DriftRecorder recorder = recorder(DriftSettings.defaults(), null);
        // odds = {plan, age / 20}: {1, 1.5} picks 1, the tie {2, 2} its first place, a NaN score no class.
        record(recorder, new TabularModel(Optional.empty()), new float[][] {{30, 1}, {40, 2}, {Float.NaN, 2}});
        record(recorder, new TabularModel(Optional.empty()), new float[][] {{10, 1}});

        FeatureSummary classes = recorder.read().predictions().get(3);
        assertThat(classes.type()).isEqualTo("categorical");
        assertThat(classes.source()).isEqualTo("argmax(odds)");
        assertThat(classes.categories()).containsExactly(entry("0", 2L), entry("1", 1L));
        assertThat(classes.count()).isEqualTo(3);
        assertThat(classes.missing()).isEqualTo(1);
    }

    @Test
    void countsValuesInTheReferenceBinsWithOutliersInTheEdgeBins() throws Exception {
        DriftRecorder recorder = recorder(DriftSettings.defaults(), """
                {"features": [{"name": "age", "type": "numeric", "binEdges": [18, 30, 50, 90]}]}""");
        record(recorder, new TabularModel(Optional.empty()),
                new float[][] {{5, 0}, {18, 0}, {29, 0}, {30, 0}, {60, 0}, {90, 0}, {120, 0}});

        FeatureSummary age = recorder.read().features().get(0);
        assertThat(age.binEdges()).containsExactly(18, 30, 50, 90);
        assertThat(age.binCounts()).containsExactly(3, 1, 3);
    }

    @Test
    void keepsCategoriesBoundedButAlwaysCountsTheReferencesOnes() throws Exception {
        DriftRecorder recorder = recorder(new DriftSettings(true, 200, 2), """
                {"features": [{"name": "plan", "type": "categorical", "frequencies": {"7": 10}}]}""");
        record(recorder, new TabularModel(Optional.empty()),
                new float[][] {{0, 1}, {0, 2}, {0, 3}, {0, 4}, {0, 7}, {0, 3}});

        FeatureSummary plan = recorder.read().features().get(1);
        assertThat(plan.categories()).containsOnlyKeys("1", "2", "7");
        assertThat(plan.otherCount()).isEqualTo(3);
        assertThat(plan.count()).isEqualTo(6);
    }

    @Test
    void sketchesOfTwoReplicasMergeIntoTheDistributionOfAllTheirValues() throws Exception {
        DriftRecorder replicaA = recorder(DriftSettings.defaults(), null);
        DriftRecorder replicaB = recorder(DriftSettings.defaults(), null);
        TabularModel model = new TabularModel(Optional.empty());
        Random random = new Random(7);
        List<Double> all = new ArrayList<>();
        for (int batch = 0; batch < 500; batch++) {
            boolean first = batch % 2 == 0;
            float[][] rows = new float[20][];
            for (int r = 0; r < rows.length; r++) {
                // Different distributions per replica, so the merge must really combine them.
                float value = (float) (first ? random.nextGaussian() * 10 + 40 : random.nextDouble() * 100);
                rows[r] = new float[] {value, 0};
                all.add((double) value);
            }
            record(first ? replicaA : replicaB, model, rows);
        }
        KllDoublesSketch merged = sketch(replicaA.read().features().get(0));
        merged.merge(sketch(replicaB.read().features().get(0)));

        double[] sorted = all.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        assertThat(merged.getN()).isEqualTo(sorted.length);
        double epsilon = merged.getNormalizedRankError(false);
        for (double q : new double[] {0.05, 0.25, 0.5, 0.75, 0.95}) {
            double value = merged.getQuantile(q, QuantileSearchCriteria.INCLUSIVE);
            double trueRank = (double) upperBound(sorted, value) / sorted.length;
            assertThat(Math.abs(trueRank - q)).as("rank error at q=%s (epsilon %s)", q, epsilon)
                    .isLessThanOrEqualTo(epsilon);
        }
    }

    private static int upperBound(double[] sorted, double value) {
        int index = Arrays.binarySearch(sorted, value);
        if (index < 0) {
            return -index - 1;
        }
        while (index < sorted.length && sorted[index] == value) {
            index++;
        }
        return index;
    }

    @Test
    void readAndResetLosesAndRepeatsNothingUnderConcurrentRecording() throws Exception {
        DriftRecorder recorder = recorder(DriftSettings.defaults(), null);
        TabularModel model = new TabularModel(Optional.empty());
        int threads = 4;
        int batches = 3000;
        AtomicBoolean done = new AtomicBoolean();
        List<DriftProfile> windows = new ArrayList<>();
        AtomicLong recorded = new AtomicLong();
        AtomicLong resets = new AtomicLong();
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                windows.add(recorder.readAndReset());
                resets.incrementAndGet();
            }
        });
        reader.start();
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread writer = new Thread(() -> {
                // At least `batches` each, and on until the reader has reset 10 times while they were writing.
                for (int b = 0; b < batches || resets.get() < 10; b++) {
                    recorder.countRequest();
                    record(recorder, model, new float[][] {{b, 1}, {b, 2}, {Float.NaN, 3}});
                    recorded.incrementAndGet();
                }
            });
            writers.add(writer);
            writer.start();
        }
        for (Thread writer : writers) {
            writer.join();
        }
        done.set(true);
        reader.join();
        windows.add(recorder.readAndReset());

        assertThat(windows.size()).as("windows read while recording").isGreaterThan(10);
        long rows = 0;
        long requests = 0;
        long ages = 0;
        long missing = 0;
        long kllN = 0;
        long plans = 0;
        for (DriftProfile window : windows) {
            rows += window.rows();
            requests += window.requests();
            ages += window.features().get(0).count();
            missing += window.features().get(0).missing();
            kllN += sketch(window.features().get(0)).getN();
            plans += window.features().get(1).count();
        }
        long total = recorded.get();
        assertThat(requests).isEqualTo(total);
        assertThat(rows).isEqualTo(3 * total);
        assertThat(ages).isEqualTo(2 * total);
        assertThat(kllN).isEqualTo(2 * total);
        assertThat(missing).isEqualTo(total);
        assertThat(plans).isEqualTo(3 * total);
        assertThat(recorder.read().rows()).as("the window after the last reset").isZero();
    }
}
