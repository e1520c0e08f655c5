package io.mlcycle.operator.drift;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;


import io.mlcycle.api.v1alpha1.CategoricalDriftTest;
import io.mlcycle.api.v1alpha1.DriftEvaluation;
import io.mlcycle.api.v1alpha1.DriftMonitorSpec;
import io.mlcycle.api.v1alpha1.FeatureDriftResult;
import io.mlcycle.api.v1alpha1.FeatureSelector;
import io.mlcycle.api.v1alpha1.NumericDriftMethod;
import io.mlcycle.api.v1alpha1.NumericDriftTest;

/**
 * One window of live inputs against the served version's reference profile, as Evidently's DataDriftPreset judges a
 * dataset: every selected feature present in both is tested ({@link ColumnDrift}), and the window drifted when the
 * share of drifted features reaches {@code trigger.driftShare} (Evidently's {@code drift_share}, default 0.5). A
 * numeric feature whose reference has bins but no quantiles gets PSI over those bins for {@code auto}.
 */
public final class WindowEvaluation {

    /** The evaluation for status, and whether the window counts as drifted. */
    public record Verdict(DriftEvaluation evaluation, boolean drifted) {
    }

    private WindowEvaluation() {
    }

    public static Verdict evaluate(DriftMonitorSpec spec, ReferenceColumns reference, ProfileWindow window,
            String modelVersion, Instant now) {
        NumericDriftTest numericTest = spec.getTests() == null ? null : spec.getTests().getNumeric();
        CategoricalDriftTest categoricalTest = spec.getTests() == null ? null : spec.getTests().getCategorical();
        List<FeatureDriftResult> results = new ArrayList<>();
        for (String name : reference.names()) {
            if (!selected(spec.getFeatures(), name)) {
                continue;
            }
            Optional<DriftScore> score = Optional.empty();
            Optional<NumericColumn> numeric = reference.numeric(name);
            NumericColumn live = window.numeric().get(name);
            NumericDriftMethod method = numericTest == null || numericTest.getMethod() == null ? NumericDriftMethod.auto
                    : numericTest.getMethod();
            Double threshold = numericTest == null ? null : numericTest.getThreshold();
            Optional<ReferenceColumns.Bins> bins = reference.bins(name);
            if (live != null && !live.isEmpty() && bins.isPresent() && method == NumericDriftMethod.auto) {
                score = Optional.of(DriftStatistic.PSI.judge(NumericTests.psiOverBins(bins.get().edges(),
                        bins.get().counts(), live), threshold));
            } else if (numeric.isPresent() && live != null) {
                score = ColumnDrift.numeric(numeric.get(), live, method, threshold);
            }
            Optional<CategoryCounts> categories = reference.categorical(name);
            if (categories.isPresent() && window.categorical().containsKey(name)) {
                score = ColumnDrift.categorical(categories.get(), ProfileWindow.counts(window.categorical().get(name)),
                        categoricalTest == null ? null : categoricalTest.getMethod(),
                        categoricalTest == null ? null : categoricalTest.getThreshold());
            }
            score.ifPresent(s -> results.add(result(name, s)));
        }
        long drifted = results.stream().filter(FeatureDriftResult::getDrifted).count();
        double share = results.isEmpty() ? 0 : (double) drifted / results.size();
        double needed = spec.getTrigger() == null || spec.getTrigger().getDriftShare() == null ? 0.5
                : spec.getTrigger().getDriftShare();
        DriftEvaluation evaluation = new DriftEvaluation();
        evaluation.setTime(now.toString());
        evaluation.setSamples(window.rows());
        evaluation.setRequests(window.requests());
        evaluation.setPods(window.pods());
        evaluation.setModelVersion(modelVersion);
        evaluation.setDriftShare(share);
        evaluation.setFeatures(results);
        return new Verdict(evaluation, !results.isEmpty() && share >= needed);
    }

    /** Whether the selector tests the feature: in {@code include} when it is set, and not in {@code exclude}. */
    static boolean selected(FeatureSelector selector, String name) {
        if (selector == null) {
            return true;
        }
        Set<String> include = selector.getInclude() == null ? null : new HashSet<>(selector.getInclude());
        Set<String> exclude = selector.getExclude() == null ? Set.of() : new HashSet<>(selector.getExclude());
        return (include == null || include.contains(name)) && !exclude.contains(name);
    }

    private static FeatureDriftResult result(String name, DriftScore score) {
        FeatureDriftResult result = new FeatureDriftResult();
        result.setName(name);
        result.setTest(score.test().label());
        result.setScore(score.score());
        result.setThreshold(score.threshold());
        result.setDrifted(score.drifted());
        return result;
    }
}
