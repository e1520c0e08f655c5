package io.mlcycle.runtime.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.mlcycle.runtime.batching.BatchObserver;
import io.mlcycle.runtime.batching.ScheduledModel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The runtime's meters, by their Prometheus names:
 * <ul>
 * <li>{@code mlcycle_inference_requests_total{model, version, protocol, code, outcome}}: inference requests
 *     answered; {@code code} is the HTTP status (REST) or gRPC status name, {@code outcome} SUCCESS, CLIENT_ERROR
 *     or SERVER_ERROR for both;</li>
 * <li>{@code mlcycle_inference_in_flight}: requests arrived and not yet answered (REST and gRPC), the per-pod
 *     concurrency an InferenceService's HPA aims {@code targetConcurrency} at;</li>
 * <li>{@code mlcycle_inference_request_duration_seconds{model, version, protocol}}: latency histogram, from the
 *     request reaching the runtime to its answer being handed to the transport;</li>
 * <li>{@code mlcycle_batch_size{model, version}}: rows per engine call, and {@code mlcycle_batch_requests}:
 *     requests merged into each call (histograms with power-of-two buckets);</li>
 * <li>{@code mlcycle_engine_call_duration_seconds{model, version}}: time of each engine call, the model's predict
 *     alone (drift recording included), so that the request latency minus it is what the runtime adds;</li>
 * <li>{@code mlcycle_queue_depth{model, version}}: requests admitted but not yet in an engine call;</li>
 * <li>{@code mlcycle_model_load_duration_seconds{model, version, phase}}: fetch (download and verify), load
 *     (engine) and warmup, for the model being served.</li>
 * </ul>
 */
public final class RuntimeMetrics implements BatchObserver {

    private static final double[] POWERS_OF_TWO = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024};

    private final MeterRegistry registry;
    // Meters by their label values: looked up per request, so the hot path skips building and registering them.
    private final Map<List<String>, Counter> requests = new ConcurrentHashMap<>();
    private final Map<List<String>, Timer> latencies = new ConcurrentHashMap<>();
    private final Map<ModelLabels, EngineCallMeters> engineCalls = new ConcurrentHashMap<>();
    private final Map<ModelLabels, AtomicReference<ScheduledModel>> queues = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> loadNanos = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();

    public RuntimeMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("mlcycle.inference.in.flight", inFlight, AtomicInteger::get)
                .description("Inference requests arrived and not yet answered: the concurrency an autoscaler aims at")
                .register(registry);
    }

    /** An inference request arrived; {@link #inferenceEnded()} follows once it is answered, however it ends. */
    public void inferenceStarted() {
        inFlight.incrementAndGet();
    }

    public void inferenceEnded() {
        inFlight.decrementAndGet();
    }

    /** One inference request answered. */
    public void request(String protocol, ModelLabels labels, String code, Outcome outcome, long nanos) {
        List<String> model = List.of(labels.model(), labels.version(), protocol);
        requests.computeIfAbsent(List.of(labels.model(), labels.version(), protocol, code, outcome.name()),
                key -> Counter.builder("mlcycle.inference.requests").description("Inference requests answered")
                        .tags(modelTags(model)).tag("code", code).tag("outcome", outcome.name()).register(registry))
                .increment();
        latencies.computeIfAbsent(model, key -> latencyTimer("mlcycle.inference.request.duration",
                "Inference request latency", modelTags(key))).record(nanos, TimeUnit.NANOSECONDS);
    }

    private static Tags modelTags(List<String> model) {
        return Tags.of("model", model.get(0), "version", model.get(1), "protocol", model.get(2));
    }

    @Override
    public void batchRan(String model, String version, int requests, long rows, long engineNanos) {
        EngineCallMeters meters = engineCalls.computeIfAbsent(new ModelLabels(model, version), key -> {
            Tags tags = Tags.of("model", model, "version", version);
            return new EngineCallMeters(
                    DistributionSummary.builder("mlcycle.batch.size").description("Rows per engine call").tags(tags)
                            .serviceLevelObjectives(POWERS_OF_TWO).register(registry),
                    DistributionSummary.builder("mlcycle.batch.requests")
                            .description("Requests merged into one engine call").tags(tags)
                            .serviceLevelObjectives(POWERS_OF_TWO).register(registry),
                    latencyTimer("mlcycle.engine.call.duration", "Time of one engine call (the model's predict)", tags));
        });
        meters.rows().record(rows);
        meters.requests().record(requests);
        meters.duration().record(engineNanos, TimeUnit.NANOSECONDS);
    }

    /** The meters of one model's engine calls. */
    private record EngineCallMeters(DistributionSummary rows, DistributionSummary requests, Timer duration) {
    }

    /** A latency histogram with buckets from 100 µs to 30 s, fine enough to read a p50 of a fast model from. */
    private Timer latencyTimer(String name, String description, Tags tags) {
        return Timer.builder(name).description(description).tags(tags).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000)).maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    @Override
    public void scheduled(ScheduledModel model) {
        ModelLabels labels = new ModelLabels(model.name(), model.version());
        // A replaced version keeps its labels: the gauge follows whichever model now holds them.
        queues.computeIfAbsent(labels, key -> {
            AtomicReference<ScheduledModel> current = new AtomicReference<>();
            Gauge.builder("mlcycle.queue.depth", current, ref -> ref.get() == null ? 0 : ref.get().queueDepth())
                    .description("Requests admitted but not yet in an engine call")
                    .tags("model", key.model(), "version", key.version()).register(registry);
            return current;
        }).set(model);
    }

    /** How long one phase of bringing a model up took: fetch, load or warmup. */
    public void modelLoadPhase(String model, String version, String phase, long nanos) {
        loadNanos.computeIfAbsent(model + '\n' + version + '\n' + phase, key -> {
            AtomicLong value = new AtomicLong();
            TimeGauge.builder("mlcycle.model.load.duration", value, TimeUnit.NANOSECONDS, AtomicLong::get)
                    .description("Time to bring the served model up, by phase")
                    .tags("model", model, "version", version, "phase", phase).register(registry);
            return value;
        }).set(nanos);
    }
}
