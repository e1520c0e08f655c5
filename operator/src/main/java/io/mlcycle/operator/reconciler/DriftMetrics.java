package io.mlcycle.operator.reconciler;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
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
    /** By monitor uid, gauge values by meter name and tags: a gauge reads its holder, which each evaluation updates. */
    private final Map<String, Map<String, AtomicReference<Double>>> values = new ConcurrentHashMap<>();
    /** By monitor uid, its meters, removed with it. */
    private final Map<String, List<Meter>> meters = new ConcurrentHashMap<>();

    DriftMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void evaluated(DriftMonitor monitor, DriftEvaluation evaluation) {
        Tags monitorTags = tags(monitor);
        set(monitor, "mlcycle.drift.share", monitorTags, evaluation.getDriftShare());
        set(monitor, "mlcycle.drift.samples", monitorTags, evaluation.getSamples() == null ? 0.0
                : evaluation.getSamples().doubleValue());
        if (evaluation.getFeatures() == null) {
            return;
        }
        for (FeatureDriftResult feature : evaluation.getFeatures()) {
            Tags featureTags = monitorTags.and("feature", feature.getName());
            set(monitor, "mlcycle.drift.feature.score", featureTags.and("test", feature.getTest()), feature.getScore());
            set(monitor, "mlcycle.drift.feature.drifted", featureTags, Boolean.TRUE.equals(feature.getDrifted()) ? 1.0 : 0.0);
        }
    }

    void drifted(DriftMonitor monitor, boolean drifted) {
        set(monitor, "mlcycle.drift.drifted", tags(monitor), drifted ? 1.0 : 0.0);
    }

    void retrained(DriftMonitor monitor) {
        Counter counter = registry.counter("mlcycle.drift.retrains", tags(monitor));
        List<Meter> own = meters.computeIfAbsent(monitor.getMetadata().getUid(), uid -> new CopyOnWriteArrayList<>());
        if (!own.contains(counter)) {
            own.add(counter);
        }
        counter.increment();
    }

    /** Removes the meters of monitors whose uid is not in {@code live}. */
    void retain(Set<String> live) {
        meters.keySet().removeIf(uid -> {
            if (live.contains(uid)) {
                return false;
            }
            meters.get(uid).forEach(registry::remove);
            values.remove(uid);
            return true;
        });
    }

    private void set(DriftMonitor monitor, String name, Tags tags, Double value) {
        String uid = monitor.getMetadata().getUid();
        AtomicReference<Double> holder = values.computeIfAbsent(uid, u -> new ConcurrentHashMap<>())
                .computeIfAbsent(name + tags, key -> {
                    AtomicReference<Double> created = new AtomicReference<>(Double.NaN);
                    meters.computeIfAbsent(uid, u -> new CopyOnWriteArrayList<>()).add(Gauge.builder(name, created,
                            AtomicReference::get).tags(tags).register(registry));
                    return created;
                });
        holder.set(value == null ? Double.NaN : value);
    }

    private static Tags tags(DriftMonitor monitor) {
        return Tags.of("namespace", monitor.getMetadata().getNamespace(), "monitor", monitor.getMetadata().getName());
    }
}
