package io.mlcycle.operator.reconciler;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.mlcycle.api.v1alpha1.InferenceService;
import io.mlcycle.operator.rollout.CanaryRollout;

/**
 * Rollouts on /q/metrics: {@code mlcycle_rollout_events_total{namespace, name, event}} for started, each step, promoted,
 * rolled back, superseded and the manual actions (the Event reasons), and {@code mlcycle_rollout_canary_weight{namespace,
 * name}}, the canary's current share (0 between rollouts).
 */
final class RolloutMetrics {

    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> weights = new ConcurrentHashMap<>();

    RolloutMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void observe(InferenceService service, CanaryRollout.Plan plan) {
        String namespace = service.getMetadata().getNamespace();
        String name = service.getMetadata().getName();
        for (CanaryRollout.Event event : plan.events()) {
            registry.counter("mlcycle.rollout.events", "namespace", namespace, "name", name, "event", event.reason())
                    .increment();
        }
        weights.computeIfAbsent(namespace + "/" + name, key -> {
            AtomicInteger weight = new AtomicInteger();
            Gauge.builder("mlcycle.rollout.canary.weight", weight, AtomicInteger::get)
                    .description("Percent of traffic the canary of a rollout gets").tags("namespace", namespace,
                            "name", name).register(registry);
            return weight;
        }).set(plan.canary().map(CanaryRollout.Variant::weight).orElse(0));
    }
}
