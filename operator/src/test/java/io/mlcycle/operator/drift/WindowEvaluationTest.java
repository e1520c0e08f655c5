package io.mlcycle.operator.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import org.apache.datasketches.kll.KllDoublesSketch;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.mlcycle.api.v1alpha1.DriftMonitorSpec;
import io.mlcycle.api.v1alpha1.FeatureDriftResult;
import io.mlcycle.api.v1alpha1.FeatureSelector;

/**
 * A window of two pods' live profiles against a reference profile as the trainer writes it: no drift on the training
 * distribution, drift of the shifted features, the share against trigger.driftShare, the feature selector, and a
 * reference with bins only.
 */
class WindowEvaluationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] PLANS = {"basic", "plus", "pro"};
    private final Random random = new Random(3);

    private double[] tenure(int n, double mean) {
        return random.doubles(n).map(u -> mean + 2 * random.nextGaussian()).toArray();
    }

    private String[] plans(int n, double basic) {
        String[] plans = new String[n];
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            plans[i] = u < basic ? "basic" : u < basic + (1 - basic) / 2 ? "plus" : "pro";
        }
        return plans;
    }

    /**
     * Training plans in exactly these shares: a goodness-of-fit test of live counts against sampled reference shares
     * would also count the reference's own sampling noise (Evidently's chi-square does), which is not under test here.
     */
    private static String[] exactPlans(int n, double basic) {
        String[] plans = new String[n];
        for (int i = 0; i < n; i++) {
            double u = (i + 0.5) / n;
            plans[i] = u < basic ? "basic" : u < basic + (1 - basic) / 2 ? "plus" : "pro";
        }
        return plans;
    }

    /** The trainer's reference profile of these training rows: tenure with bins and quantiles, plan's frequencies. */
    private static JsonNode reference(double[] tenure, String[] plans, boolean quantiles) {
        double[] sorted = tenure.clone();
        Arrays.sort(sorted);
        ObjectNode profile = JSON.createObjectNode().put("samples", tenure.length);
        ArrayNode features = profile.putArray("features");
        ObjectNode numeric = features.addObject().put("name", "tenure").put("type", "numeric");
        ArrayNode edges = numeric.putArray("binEdges");
        ArrayNode counts = numeric.putArray("binCounts");
        for (int q = 0; q <= 10; q++) {
            edges.add(sorted[(int) Math.round(q / 10.0 * (sorted.length - 1))]);
        }
        for (int b = 0; b < 10; b++) {
            double low = edges.get(b).asDouble();
            double high = edges.get(b + 1).asDouble();
            counts.add(Arrays.stream(sorted).filter(v -> v >= low && (v < high || high == edges.get(10).asDouble()
                    && v <= high)).count());
        }
        if (quantiles) {
            ArrayNode values = numeric.putArray("quantiles");
            Arrays.stream(sorted).forEach(values::add);
        }
        ObjectNode frequencies = features.addObject().put("name", "plan").put("type", "categorical")
                .putObject("frequencies");
        for (String plan : PLANS) {
            frequencies.put(plan, Arrays.stream(plans).filter(plan::equals).count());
        }
        return profile;
    }

    /** One pod's /profile answer of these live rows. */
    private static JsonNode pod(double[] tenure, String[] plans) {
        KllDoublesSketch sketch = KllDoublesSketch.newHeapInstance(200);
        Arrays.stream(tenure).forEach(sketch::update);
        ObjectNode profile = JSON.createObjectNode().put("requests", tenure.length).put("rows", tenure.length);
        ArrayNode features = profile.putArray("features");
        features.addObject().put("name", "tenure").put("type", "numeric")
                .put("kll", Base64.getEncoder().encodeToString(sketch.toByteArray()));
        ObjectNode categories = features.addObject().put("name", "plan").put("type", "categorical")
                .putObject("categories");
        for (String plan : PLANS) {
            categories.put(plan, Arrays.stream(plans).filter(plan::equals).count());
        }
        return profile;
    }

    private WindowEvaluation.Verdict evaluate(DriftMonitorSpec spec, JsonNode reference, double tenureMean,
            double basicShare) {
        ProfileWindow window = new ProfileWindow("features").add(pod(tenure(1000, tenureMean), plans(1000, basicShare)))
                .add(pod(tenure(1500, tenureMean), plans(1500, basicShare)));
        return WindowEvaluation.evaluate(spec, ReferenceColumns.of(reference), window, "churn-1",
                Instant.parse("2026-12-01T00:00:00Z"));
    }

    private static FeatureDriftResult feature(WindowEvaluation.Verdict verdict, String name) {
        return verdict.evaluation().getFeatures().stream().filter(f -> f.getName().equals(name)).findFirst()
                .orElseThrow();
    }

    @Test
    void trafficLikeTheTrainingDataDoesNotDriftAndShiftedTrafficDoes() {
        JsonNode reference = reference(tenure(800, 10), exactPlans(800, 0.5), true);
        DriftMonitorSpec spec = new DriftMonitorSpec();

        WindowEvaluation.Verdict same = evaluate(spec, reference, 10, 0.5);
        assertThat(same.drifted()).isFalse();
        assertThat(same.evaluation().getSamples()).isEqualTo(2500);
        assertThat(same.evaluation().getModelVersion()).isEqualTo("churn-1");
        assertThat(feature(same, "tenure").getTest()).as("800 reference rows: Evidently's KS").isEqualTo("ks");
        assertThat(feature(same, "plan").getTest()).isEqualTo("chiSquare");

        WindowEvaluation.Verdict shifted = evaluate(spec, reference, 11.5, 0.5);
        assertThat(feature(shifted, "tenure").getDrifted()).isTrue();
        assertThat(feature(shifted, "plan").getDrifted()).isFalse();
        assertThat(shifted.evaluation().getDriftShare()).isEqualTo(0.5);
        assertThat(shifted.drifted()).as("half the features reach the default share of 0.5").isTrue();

        spec.getTrigger().setDriftShare(0.75);
        assertThat(evaluate(spec, reference, 11.5, 0.5).drifted()).isFalse();
        assertThat(evaluate(spec, reference, 11.5, 0.8).drifted()).isTrue();
    }

    @Test
    void onlySelectedFeaturesAreTested() {
        JsonNode reference = reference(tenure(800, 10), exactPlans(800, 0.5), true);
        DriftMonitorSpec spec = new DriftMonitorSpec();
        FeatureSelector selector = new FeatureSelector();
        selector.setExclude(List.of("tenure"));
        spec.setFeatures(selector);

        WindowEvaluation.Verdict verdict = evaluate(spec, reference, 11.5, 0.5);
        assertThat(verdict.evaluation().getFeatures()).extracting(FeatureDriftResult::getName).containsExactly("plan");
        assertThat(verdict.drifted()).isFalse();
    }

    @Test
    void aReferenceWithBinsOnlyIsJudgedOnItsOwnBins() {
        JsonNode reference = reference(tenure(3000, 10), exactPlans(3000, 0.5), false);
        DriftMonitorSpec spec = new DriftMonitorSpec();

        assertThat(feature(evaluate(spec, reference, 10, 0.5), "tenure").getDrifted()).isFalse();
        FeatureDriftResult shifted = feature(evaluate(spec, reference, 11.5, 0.5), "tenure");
        assertThat(shifted.getTest()).as("PSI over the reference's own deciles").isEqualTo("psi");
        assertThat(shifted.getDrifted()).isTrue();
    }
}
