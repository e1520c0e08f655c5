package io.mlcycle.runtime.bench;

import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.Histogram;

/** Drives a target three ways, each bounded in time or count: one at a time, closed loop, open loop. */
final class LoadRunner {

    /** What a run measured: answered requests per second, latencies in microseconds, and failures. */
    record Result(double throughput, Histogram latencyMicros, Errors errors) {

        String describe() {
            return String.format(java.util.Locale.ROOT,
                    "throughput=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d count=%d errors=%s", throughput,
                    latencyMicros.getValueAtPercentile(50), latencyMicros.getValueAtPercentile(90),
                    latencyMicros.getValueAtPercentile(99), latencyMicros.getMaxValue(),
                    latencyMicros.getTotalCount(), errors);
        }
    }

    /** Failed requests, counted by what failed them (gRPC status code, HTTP status, or exception type). */
    static final class Errors {
        private final Map<String, LongAdder> byReason = new ConcurrentSkipListMap<>();

        void add(Throwable error) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause()
                    : error;
            String reason;
            if (cause instanceof StatusRuntimeException grpc) {
                reason = grpc.getStatus().getCode().name();
            } else if (cause.getMessage() != null && cause.getMessage().startsWith("HTTP ")) {
                reason = cause.getMessage().substring(0, Math.min(8, cause.getMessage().length()));
            } else {
                reason = cause.getClass().getSimpleName();
            }
            byReason.computeIfAbsent(reason, key -> new LongAdder()).increment();
        }

        long total() {
            return byReason.values().stream().mapToLong(LongAdder::sum).sum();
        }

        @Override
        public String toString() {
            if (byReason.isEmpty()) {
                return "0";
            }
            StringJoiner reasons = new StringJoiner(",", total() + "(", ")");
            byReason.forEach((reason, count) -> reasons.add(reason + ":" + count.sum()));
            return reasons.toString();
        }
    }

    private LoadRunner() {
    }

    /** {@code count} requests one after another, each waiting for the previous answer. */
    static Result sequential(Target target, int count) {
        return sequential(target, count, 0);
    }

    /**
     * {@code count} requests one after another, each waiting for the previous answer, with a pause of
     * {@code pauseNanos} (not timed) before each: the gaps a server sees between requests from a client that waits
     * for each answer, during which its CPU caches go cold.
     */
    static Result sequential(Target target, int count, long pauseNanos) {
        Histogram histogram = new Histogram(60_000_000L, 3);
        Errors errors = new Errors();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            if (pauseNanos > 0) {
                LockSupport.parkNanos(pauseNanos);
            }
            long sent = System.nanoTime();
            try {
                target.send().join();
                histogram.recordValue((System.nanoTime() - sent) / 1000);
            } catch (RuntimeException e) {
                errors.add(e);
            }
        }
        return new Result(count / seconds(System.nanoTime() - start), histogram, errors);
    }

    /** {@code concurrency} clients, each sending again as soon as answered, for {@code duration}. */
    static Result closed(Target target, int concurrency, Duration duration) throws InterruptedException {
        Recorder recorder = new Recorder(3);
        Errors errors = new Errors();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        CountDownLatch finished = new CountDownLatch(concurrency);
        for (int c = 0; c < concurrency; c++) {
            loop(target, recorder, errors, end, finished);
        }
        finished.await(duration.toSeconds() + 30, TimeUnit.SECONDS);
        Histogram histogram = recorder.getIntervalHistogram();
        return new Result(histogram.getTotalCount() / seconds(System.nanoTime() - start), histogram, errors);
    }

    private static void loop(Target target, Recorder recorder, Errors errors, long end, CountDownLatch finished) {
        long sent = System.nanoTime();
        target.send().whenComplete((ok, error) -> {
            long now = System.nanoTime();
            if (error != null) {
                errors.add(error);
            } else {
                recorder.recordValue((now - sent) / 1000);
            }
            if (now < end) {
                loop(target, recorder, errors, end, finished);
            } else {
                finished.countDown();
            }
        });
    }

    /**
     * Requests at a fixed {@code rate} for {@code duration}, whatever the answers do; each latency counts from the
     * request's scheduled time, so a stalled server cannot hide its queue (no coordinated omission). At most
     * {@code maxOutstanding} requests are in flight; those the limit holds back count from their scheduled time too.
     */
    static Result open(Target target, double rate, Duration duration, int maxOutstanding) throws InterruptedException {
        Recorder recorder = new Recorder(3);
        Errors errors = new Errors();
        Semaphore outstanding = new Semaphore(maxOutstanding);
        long interval = (long) (1e9 / rate);
        long start = System.nanoTime();
        long total = (long) (rate * duration.toNanos() / 1e9);
        for (long i = 0; i < total; i++) {
            long scheduled = start + i * interval;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            outstanding.acquire();
            target.send().whenComplete((ok, error) -> {
                outstanding.release();
                if (error != null) {
                    errors.add(error);
                } else {
                    recorder.recordValue(Math.max(0, (System.nanoTime() - scheduled) / 1000));
                }
            });
        }
        outstanding.tryAcquire(maxOutstanding, 30, TimeUnit.SECONDS);
        Histogram histogram = recorder.getIntervalHistogram();
        return new Result(histogram.getTotalCount() / seconds(System.nanoTime() - start), histogram, errors);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
