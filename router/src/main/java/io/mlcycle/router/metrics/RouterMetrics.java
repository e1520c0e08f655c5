package io.mlcycle.router.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.mlcycle.router.routing.Revision;
import io.mlcycle.router.routing.RoutingTable;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The router's meters, by their Prometheus names:
 * <ul>
 * <li>{@code mlcycle_router_requests_total{revision, protocol, code}}: requests answered; {@code code} is the HTTP
 *     status or the gRPC status name; {@code revision} is {@value #NO_REVISION} when none was chosen;</li>
 * <li>{@code mlcycle_router_request_seconds{revision, protocol}}: latency histogram, request in to answer out;</li>
 * <li>{@code mlcycle_router_mirrored_total{revision, outcome}}: mirrored copies, outcome success or error;</li>
 * <li>{@code mlcycle_router_mirror_predictions_total{revision, result}}: predictions of mirrored inference copies
 *     (REST and gRPC) compared with the answer the client got, result agreed or differed (see
 *     {@code PredictionAgreement});</li>
 * <li>{@code mlcycle_router_retries_total{revision, protocol}}: connections to a revision's endpoint that could not be
 *     made, the request then sent to another endpoint;</li>
 * <li>{@code mlcycle_router_config_errors_total}: traffic documents refused (the last good one stays);</li>
 * <li>{@code mlcycle_router_weight{revision}}, {@code mlcycle_router_ready_endpoints{revision}}: the table in
 *     force (configured weight, ready endpoints of any protocol).</li>
 * </ul>
 */
public final class RouterMetrics {

    /** The revision label of requests refused before a revision was chosen. */
    public static final String NO_REVISION = "none";

    private final MeterRegistry registry;
    // Meters by label values: looked up per request, so the hot path skips building and registering them.
    private final Map<List<String>, Counter> requests = new ConcurrentHashMap<>();
    private final Map<List<String>, Timer> latencies = new ConcurrentHashMap<>();
    private final Map<List<String>, Counter> mirrored = new ConcurrentHashMap<>();
    private final Map<List<String>, Counter> retries = new ConcurrentHashMap<>();
    private final Map<List<String>, Counter> compared = new ConcurrentHashMap<>();
    private final Counter configErrors;
    private final AtomicReference<RoutingTable> table = new AtomicReference<>(RoutingTable.EMPTY);
    private final Map<String, List<Meter>> tableGauges = new ConcurrentHashMap<>();

    public RouterMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.configErrors = Counter.builder("mlcycle.router.config.errors")
                .description("Traffic documents refused; the last good one stays in force").register(registry);
    }

    /** One request answered (or refused) after {@code nanos}. */
    public void request(String revision, String protocol, String code, long nanos) {
        requests.computeIfAbsent(List.of(revision, protocol, code), key -> Counter.builder("mlcycle.router.requests")
                .description("Requests answered by the router").tags("revision", revision, "protocol", protocol,
                        "code", code).register(registry)).increment();
        latencies.computeIfAbsent(List.of(revision, protocol), key -> Timer.builder("mlcycle.router.request")
                .description("Request latency through the router").tags("revision", revision, "protocol", protocol)
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(30)).register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** One mirrored copy finished; {@code success} when the mirror answered 2xx / OK. */
    public void mirrored(String revision, boolean success) {
        String outcome = success ? "success" : "error";
        mirrored.computeIfAbsent(List.of(revision, outcome), key -> Counter.builder("mlcycle.router.mirrored")
                .description("Requests copied to the mirror revision").tags("revision", revision, "outcome", outcome)
                .register(registry)).increment();
    }

    /** A mirrored copy's answer compared with the client's: its predictions that agreed and that differed. */
    public void compared(String revision, long agreed, long differed) {
        predictions(revision, "agreed").increment(agreed);
        predictions(revision, "differed").increment(differed);
    }

    private Counter predictions(String revision, String result) {
        return compared.computeIfAbsent(List.of(revision, result), key -> Counter.builder(
                "mlcycle.router.mirror.predictions").description("Predictions of mirrored copies compared with the "
                        + "answers clients got").tags("revision", revision, "result", result).register(registry));
    }

    /** A connection to an endpoint of {@code revision} could not be made; the request goes to another. */
    public void retried(String revision, String protocol) {
        retries.computeIfAbsent(List.of(revision, protocol), key -> Counter.builder("mlcycle.router.retries")
                .description("Connections to an endpoint that failed, the request sent to another endpoint")
                .tags("revision", revision, "protocol", protocol).register(registry)).increment();
    }

    /** One traffic document refused. */
    public void configError() {
        configErrors.increment();
    }

    /** A new table is in force: the weight and endpoint gauges follow it; revisions gone lose theirs. */
    public synchronized void tableInstalled(RoutingTable installed) {
        table.set(installed);
        Set<String> names = new HashSet<>();
        for (Revision revision : installed.revisions()) {
            names.add(revision.name());
            tableGauges.computeIfAbsent(revision.name(), this::registerGauges);
        }
        tableGauges.entrySet().removeIf(entry -> {
            if (names.contains(entry.getKey())) {
                return false;
            }
            entry.getValue().forEach(registry::remove);
            return true;
        });
    }

    private List<Meter> registerGauges(String name) {
        return List.of(
                Gauge.builder("mlcycle.router.weight", table, ref -> ref.get().revision(name)
                                .map(Revision::weight).orElse(0))
                        .description("Configured weight of the revision").tag("revision", name).register(registry),
                Gauge.builder("mlcycle.router.ready.endpoints", table, ref -> ref.get().revision(name)
                                .map(revision -> revision.endpoints().size()).orElse(0))
                        .description("Ready endpoints of the revision").tag("revision", name).register(registry));
    }
}
