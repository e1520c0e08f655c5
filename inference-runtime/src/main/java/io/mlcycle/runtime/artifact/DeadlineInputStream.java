package io.mlcycle.runtime.artifact;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A download body that fails once its deadline has passed. The JDK client's request timeout only covers the wait
 * for the response headers; without this, a server that stalls in the middle of the body would hold model loading
 * (and so the pod's readiness) forever. At the deadline the underlying stream is closed, which wakes a blocked read.
 */
final class DeadlineInputStream extends FilterInputStream {

    private final String what;
    private final Duration timeout;
    private final CompletableFuture<Void> timer;
    private volatile boolean expired;

    /** Fails reads of {@code in} after {@code remaining}; {@code what} and {@code timeout} go into the error. */
    DeadlineInputStream(InputStream in, Duration remaining, Duration timeout, String what) {
        super(in);
        this.what = what;
        this.timeout = timeout;
        // The JDK's shared delay scheduler: no thread of our own per download.
        this.timer = CompletableFuture.runAsync(this::expire,
                CompletableFuture.delayedExecutor(Math.max(0, remaining.toMillis()), TimeUnit.MILLISECONDS));
    }

    private void expire() {
        expired = true;
        try {
            in.close();
        } catch (IOException e) {
            // The reader fails with the timeout either way.
        }
    }

    @Override
    public int read() throws IOException {
        try {
            return checked(super.read());
        } catch (IOException e) {
            throw expired ? timedOut(e) : e;
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            return checked(super.read(buffer, offset, length));
        } catch (IOException e) {
            throw expired ? timedOut(e) : e;
        }
    }

    /** A read the closing woke may return end-of-stream instead of failing: a truncated body must not look whole. */
    private int checked(int result) throws IOException {
        if (expired) {
            throw timedOut(null);
        }
        return result;
    }

    private IOException timedOut(IOException cause) {
        return new IOException("download of " + what + " did not finish within " + timeout
                + " (mlcycle.runtime.http-timeout)", cause);
    }

    @Override
    public void close() throws IOException {
        timer.cancel(false);
        super.close();
    }
}
