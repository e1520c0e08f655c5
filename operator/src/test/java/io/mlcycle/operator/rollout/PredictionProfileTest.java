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
