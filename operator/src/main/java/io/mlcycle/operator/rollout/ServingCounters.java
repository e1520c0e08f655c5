package io.mlcycle.operator.rollout;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * One serving pod's cumulative inference counters, read from its Prometheus page ({@code /q/metrics}): requests
 * answered, those answered with a server error, and the latency histogram's cumulative buckets (upper bound in
 * seconds → count). Counters only grow while the pod lives, so an interval's figures are the difference of two reads.
 */
public record ServingCounters(long requests, long serverErrors, NavigableMap<Double, Long> buckets) {

    public static final String REQUESTS = "mlcycle_inference_requests_total";
    public static final String DURATION_BUCKET = "mlcycle_inference_request_duration_seconds_bucket";

    public static final ServingCounters NONE = new ServingCounters(0, 0, new TreeMap<>());

    /** The counters of {@code model}'s requests on a Prometheus text page. */
    public static ServingCounters parse(String text, String model) {
        long requests = 0;
        long errors = 0;
        NavigableMap<Double, Long> buckets = new TreeMap<>();
        for (PrometheusSample sample : PrometheusSample.parse(text, Set.of(REQUESTS, DURATION_BUCKET))) {
            if (!model.equals(sample.labels().get("model"))) {
                continue;
            }
            long value = (long) sample.value();
            if (sample.name().equals(REQUESTS)) {
                requests += value;
                if ("SERVER_ERROR".equals(sample.labels().get("outcome"))) {
                    errors += value;
                }
            } else {
                String le = sample.labels().get("le");
                double bound = "+Inf".equals(le) ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
                buckets.merge(bound, value, Long::sum);
            }
        }
        return new ServingCounters(requests, errors, buckets);
    }

    /** What happened since {@code earlier}; a pod that restarted in between (any counter fell) counts from zero. */
    public ServingCounters since(ServingCounters earlier) {
        boolean restarted = requests < earlier.requests || serverErrors < earlier.serverErrors
                || buckets.entrySet().stream().anyMatch(b -> b.getValue() < earlier.buckets.getOrDefault(b.getKey(), 0L));
        if (restarted) {
            return this;
        }
        NavigableMap<Double, Long> delta = new TreeMap<>();
        buckets.forEach((bound, count) -> delta.put(bound, count - earlier.buckets.getOrDefault(bound, 0L)));
        return new ServingCounters(requests - earlier.requests, serverErrors - earlier.serverErrors, delta);
    }

    public ServingCounters plus(ServingCounters other) {
        NavigableMap<Double, Long> sum = new TreeMap<>(buckets);
        other.buckets.forEach((bound, count) -> sum.merge(bound, count, Long::sum));
        return new ServingCounters(requests + other.requests, serverErrors + other.serverErrors, sum);
    }

    /**
     * The interval's figures over several pods' differences: requests, errors, and the 99th percentile by linear
     * interpolation inside the bucket that holds it, as Prometheus's histogram_quantile does (null without data).
     */
    public static CanaryFigures figures(List<ServingCounters> deltas) {
        ServingCounters total = deltas.stream().reduce(NONE, ServingCounters::plus);
        return new CanaryFigures(total.requests, total.serverErrors, total.quantile(0.99), null, null);
    }

    Double quantile(double q) {
        Long all = buckets.get(Double.POSITIVE_INFINITY);
        if (all == null || all == 0) {
            return null;
        }
        double rank = q * all;
        double lower = 0;
        long below = 0;
        for (Map.Entry<Double, Long> bucket : buckets.entrySet()) {
            if (bucket.getValue() >= rank) {
                if (bucket.getKey().isInfinite()) {
                    return lower * 1000;
                }
                long inside = bucket.getValue() - below;
                double fraction = inside == 0 ? 1 : (rank - below) / inside;
                return (lower + (bucket.getKey() - lower) * fraction) * 1000;
            }
            lower = bucket.getKey();
            below = bucket.getValue();
        }
        return lower * 1000;
    }
}
