package io.mlcycle.operator.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Base64;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleSupplier;

import org.apache.datasketches.kll.KllDoublesSketch;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class PredictionProfileTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A pod's /profile answer with one numeric prediction column of {@code count} draws. */
    private static JsonNode pod(int count, DoubleSupplier draw) {
        KllDoublesSketch sketch = KllDoublesSketch.newHeapInstance(200);
        for (int i = 0; i < count; i++) {
            sketch.update(draw.getAsDouble());
        }
        ObjectNode profile = JSON.createObjectNode();
        profile.putArray("predictions").addObject().put("name", "output").put("type", "numeric")
                .put("count", count).put("kll", Base64.getEncoder().encodeToString(sketch.toByteArray()));
        return profile;
    }

    @Test
    void theSameModelOnTheSameTrafficHasAlmostNoShiftAndAnotherOneAClearOne() {
        Random random = new Random(7);
        PredictionProfile stable = new PredictionProfile().add(pod(3000, random::nextDouble))
                .add(pod(3000, random::nextDouble));
        PredictionProfile same = new PredictionProfile().add(pod(2000, random::nextDouble));
        PredictionProfile shifted = new PredictionProfile().add(pod(2000, () -> 0.5 + random.nextDouble() / 2));

        assertThat(stable.count()).isEqualTo(6000);
        // KLL compaction draws its own random bits (not seeded here): sampling noise over 20 bins stays near 0.05.
        assertThat(same.shift(stable)).hasValueSatisfying(d -> assertThat(d).isLessThan(0.1));
        assertThat(shifted.shift(stable)).hasValueSatisfying(d -> assertThat(d).isGreaterThan(0.5));
    }

    /**
     * A pod's /profile answer of a 3-class classifier on {@code rows} rows: class c with probability {@code mix[c]},
     * answered as class {@code (c + relabel) % 3} with probability {@code confidence} (the rest shared), as the
     * runtime profiles it: the three score columns and, with {@code classColumn}, {@code argmax(output)}.
     */
    private static JsonNode classifier(Random random, int rows, double[] mix, int relabel, double confidence,
            boolean classColumn) {
        KllDoublesSketch[] scores = {KllDoublesSketch.newHeapInstance(200), KllDoublesSketch.newHeapInstance(200),
                KllDoublesSketch.newHeapInstance(200)};
        long[] classes = new long[3];
        for (int r = 0; r < rows; r++) {
            double u = random.nextDouble();
            int truth = u < mix[0] ? 0 : u < mix[0] + mix[1] ? 1 : 2;
            int answer = (truth + relabel) % 3;
            double top = Math.min(0.999, confidence + random.nextGaussian() * 0.01);
            for (int c = 0; c < 3; c++) {
                scores[c].update(c == answer ? top : (1 - top) / 2);
            }
            classes[answer]++;
        }
        ObjectNode profile = JSON.createObjectNode();
        var predictions = profile.putArray("predictions");
        for (int c = 0; c < 3; c++) {
            predictions.addObject().put("name", "output[" + c + "]").put("type", "numeric").put("count", rows)
                    .put("kll", Base64.getEncoder().encodeToString(scores[c].toByteArray()));
        }
        if (classColumn) {
            ObjectNode counts = predictions.addObject().put("name", "argmax(output)").put("type", "categorical")
                    .put("count", rows).putObject("categories");
            for (int c = 0; c < 3; c++) {
                counts.put(Integer.toString(c), classes[c]);
            }
        }
        return profile;
    }

    @Test
    void aClassifierIsComparedByTheClassesItPicksNotByHowSureItIs() {
        Random random = new Random(11);
        double[] traffic = {0.6, 0.2, 0.2};
        PredictionProfile stable = new PredictionProfile().add(classifier(random, 3000, traffic, 0, 0.90, true));
        PredictionProfile recalibrated = new PredictionProfile().add(classifier(random, 2000, traffic, 0, 0.97, true));
        PredictionProfile relabelled = new PredictionProfile().add(classifier(random, 2000, traffic, 1, 0.90, true));

        assertThat(recalibrated.shift(stable)).as("a retrain that is only surer of the same classes")
                .hasValueSatisfying(d -> assertThat(d).isLessThan(0.1));
        assertThat(relabelled.shift(stable)).as("one that gives the common class another name")
                .hasValueSatisfying(d -> assertThat(d).isGreaterThan(0.3));

        // A runtime without the class column: the scores are compared, and the surer retrain looks like another model.
        PredictionProfile scoresOnly = new PredictionProfile().add(classifier(random, 3000, traffic, 0, 0.90, false));
        PredictionProfile surerScores = new PredictionProfile().add(classifier(random, 2000, traffic, 0, 0.97, false));
        assertThat(surerScores.shift(scoresOnly)).hasValueSatisfying(d -> assertThat(d).isGreaterThan(0.5));
        assertThat(recalibrated.shift(scoresOnly)).as("the class column counts only where both versions have it")
                .hasValueSatisfying(d -> assertThat(d).isGreaterThan(0.5));
    }

    @Test
    void nothingPredictedHasNoShiftToCompare() {
        PredictionProfile stable = new PredictionProfile().add(pod(100, () -> 0.3));

        assertThat(new PredictionProfile().shift(stable)).isEmpty();
        assertThat(stable.shift(new PredictionProfile().add(pod(100, () -> 0.3)))).contains(0.0);
    }

    @Test
    void theDistanceIsScipysJensenShannonInBits() {
        // scipy.spatial.distance.jensenshannon([1, 0], [0, 1], base=2) == 1; ([0.5, 0.5], [0.9, 0.1]) == 0.3831...
        assertThat(PredictionProfile.distance(new double[] {1, 0}, new double[] {0, 1})).isCloseTo(1, within(1e-12));
        assertThat(PredictionProfile.distance(new double[] {0.5, 0.5}, new double[] {0.9, 0.1}))
                .isCloseTo(0.383136, within(1e-5));
        assertThat(PredictionProfile.categoricalDistance(Map.of("yes", 50L, "no", 50L), Map.of("yes", 90L, "no", 10L)))
                .isCloseTo(0.383136, within(1e-5));
    }
}
