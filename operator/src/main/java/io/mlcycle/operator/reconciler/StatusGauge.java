package io.mlcycle.operator.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A 0/1 gauge per resource of one kind ({@code namespace}, {@code name} labels) for alert rules, e.g.
 * {@code mlcycle_inferenceservice_ready}. It is read at scrape time from the controller's cache, so it follows the
 * status the operator last wrote; a deleted resource reads NaN (which no {@code == 0} or {@code == 1} rule matches)
 * until the next reconcile of its kind drops the series — no finalizer tells of a deletion.
 */
final class StatusGauge<P extends HasMetadata> {

    private final MeterRegistry registry;
    private final String name;
    private final String description;
    private final Predicate<P> holds;
    private final Map<ResourceID, Gauge> gauges = new ConcurrentHashMap<>();

    StatusGauge(MeterRegistry registry, String name, String description, Predicate<P> holds) {
        this.registry = registry;
        this.name = name;
        this.description = description;
        this.holds = holds;
    }

    /** Makes sure {@code resource} has its series and drops those of resources no longer in the cache. */
    void observe(P resource, Context<P> context) {
        IndexedResourceCache<P> cache = context.getPrimaryCache();
        ResourceID id = ResourceID.fromResource(resource);
        gauges.computeIfAbsent(id, key -> Gauge.builder(name, () -> cache.get(key)
                        .map(live -> holds.test(live) ? 1.0 : 0.0).orElse(Double.NaN))
                .description(description)
                .tags("namespace", key.getNamespace().orElse(""), "name", key.getName())
                .register(registry));
        gauges.entrySet().removeIf(entry -> {
            if (cache.get(entry.getKey()).isPresent()) {
                return false;
            }
            registry.remove(entry.getValue());
            return true;
        });
    }
}
