package io.mlcycle.operator.reconciler;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * {@code mlcycle_reconcile_seconds{kind, outcome}} on /q/metrics: how long each reconcile took (a Prometheus histogram,
 * so p50/p99 come from {@code histogram_quantile}) and whether it wrote status ({@code written}), found nothing to
 * write ({@code unchanged}) or failed ({@code error}); and {@code mlcycle_child_writes_total{kind}}: create, apply and
 * delete calls on children, which stays still while nothing changes.
 */
final class ReconcileMetrics {

    static final String NAME = "mlcycle.reconcile";

    private final MeterRegistry registry;
    private final String kind;

    ReconcileMetrics(MeterRegistry registry, String kind) {
        this.registry = registry;
        this.kind = kind;
    }

    /** Counts write calls a reconcile made on children. */
    void childWrites(int count) {
        if (count > 0) {
            registry.counter("mlcycle.child.writes", "kind", kind).increment(count);
        }
    }

    /** Runs one reconcile, timing it; {@code written} tells from its result whether status was written. */
    <T> T time(Supplier<T> reconcile, java.util.function.Predicate<T> written) {
        long start = System.nanoTime();
        String outcome = "error";
        try {
            T result = reconcile.get();
            outcome = written.test(result) ? "written" : "unchanged";
            return result;
        } finally {
            Timer.builder(NAME).description("Time of one reconcile of an mlcycle resource")
                    .tag("kind", kind).tag("outcome", outcome)
                    .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofSeconds(30))
                    .register(registry).record(Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
