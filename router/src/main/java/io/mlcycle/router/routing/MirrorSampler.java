package io.mlcycle.router.routing;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides which requests are mirrored: exactly {@code percent} of every 100 consecutive requests, spread evenly
 * (10% mirrors the 10th, 20th, ...), from a counter rather than a random draw so tests and operators can count.
 */
public final class MirrorSampler {

    private final int percent;
    private final AtomicLong requests = new AtomicLong();

    public MirrorSampler(int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be 0..100: " + percent);
        }
        this.percent = percent;
    }

    /** Whether the next request is mirrored. */
    public boolean next() {
        if (percent == 0) {
            return false;
        }
        long n = requests.getAndIncrement();
        // The count of mirrored requests among the first n+1 is floor((n+1)p/100): mirror when it steps up.
        return (n + 1) * percent / 100 > n * percent / 100;
    }
}
