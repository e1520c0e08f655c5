package io.mlcycle.operator.reconciler;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.mlcycle.api.v1alpha1.DriftEvaluation;
import io.mlcycle.api.v1alpha1.DriftMonitor;
import io.mlcycle.api.v1alpha1.FeatureDriftResult;

/**
 * A DriftMonitor's verdicts on /q/metrics, for alert rules: per feature {@code mlcycle_drift_feature_score} (its
 * test's statistic; the {@code test} label says which, as a p-value for ks, chiSquare and z) and
 * {@code mlcycle_drift_feature_drifted} (0 or 1), per monitor {@code mlcycle_drift_share}, {@code mlcycle_drift_samples}
 * and {@code mlcycle_drift_drifted} (1 while the Drifted condition holds), and {@code mlcycle_drift_retrains_total}.
 */
final class DriftMetrics {

    private final MeterRegistry registry;
    /** Gauge values by meter name and tags: a gauge reads its holder, which each evaluation updates. */
    private final Map<String, AtomicReference<Double>> values = new ConcurrentHashMap<>();

    DriftMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void evaluated(DriftMonitor monitor, DriftEvaluation evaluation) {
        Tags monitorTags = tags(monitor);
        set("mlcycle.drift.share", monitorTags, evaluation.getDriftShare());
        set("mlcycle.drift.samples", monitorTags, evaluation.getSamples() == null ? 0.0
                : evaluation.getSamples().doubleValue());
        if (evaluation.getFeatures() == null) {
            return;
        }
        for (FeatureDriftResult feature : evaluation.getFeatures()) {
            Tags featureTags = monitorTags.and("feature", feature.getName());
            set("mlcycle.drift.feature.score", featureTags.and("test", feature.getTest()), feature.getScore());
            set("mlcycle.drift.feature.drifted", featureTags, Boolean.TRUE.equals(feature.getDrifted()) ? 1.0 : 0.0);
        }
    }

    void drifted(DriftMonitor monitor, boolean drifted) {
        set("mlcycle.drift.drifted", tags(monitor), drifted ? 1.0 : 0.0);
    }

    void retrained(DriftMonitor monitor) {
        registry.counter("mlcycle.drift.retrains", tags(monitor)).increment();
    }

    private void set(String name, Tags tags, Double value) {
        AtomicReference<Double> holder = values.computeIfAbsent(name + tags, key -> {
            AtomicReference<Double> created = new AtomicReference<>(Double.NaN);
            Gauge.builder(name, created, AtomicReference::get).tags(tags).register(registry);
            return created;
        });
        holder.set(value == null ? Double.NaN : value);
    }

    private static Tags tags(DriftMonitor monitor) {
        return Tags.of("namespace", monitor.getMetadata().getNamespace(), "monitor", monitor.getMetadata().getName());
    }
}
