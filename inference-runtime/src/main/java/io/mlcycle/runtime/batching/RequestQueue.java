package io.mlcycle.runtime.batching;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded line of requests that workers take from a batch at a time. One worker assembles a batch at once (the
 * others wait their turn), so requests arriving together join the same batch instead of racing into several. It also
 * counts the batches in the engine: a batch only waits for company while another one runs (see {@link #nextBatch}).
 */
final class RequestQueue {

    private final int capacity;
    private final ArrayDeque<PendingRequest> waiting;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final ReentrantLock assembling = new ReentrantLock();
    private boolean closed;
    private int running;

    RequestQueue(int capacity) {
        this.capacity = capacity;
        this.waiting = new ArrayDeque<>(capacity);
    }

    /** Adds a request unless the queue is full or closed. */
    Admission offer(PendingRequest request) {
        lock.lock();
        try {
            if (closed) {
                return Admission.CLOSED;
            }
            if (waiting.size() >= capacity) {
                return Admission.FULL;
            }
            waiting.addLast(request);
            arrived.signalAll();
            return Admission.QUEUED;
        } finally {
            lock.unlock();
        }
    }

    /** Takes a request out of the line, if it is still waiting there (its caller gave up on it). */
    void remove(PendingRequest request) {
        lock.lock();
        try {
            waiting.remove(request);
        } finally {
            lock.unlock();
        }
    }

    /** What became of an offered request. */
    enum Admission { QUEUED, FULL, CLOSED }

    int depth() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next batch: the oldest request plus, in arrival order, the requests that fit with it, until their rows
     * reach {@code maxRows}, or {@code maxDelayNanos} has passed since the oldest arrived, or no other batch is in
     * the engine. A request that would carry the batch past {@code maxRows} waits for the next one. Blocks while the
     * queue is empty; null once the queue is closed. The caller reports the batch's end with {@link #finished()}.
     *
     * <p>Waiting only while another batch runs keeps the batcher work-conserving: with the engine idle a request
     * runs at once (a lone request is never held for {@code maxDelay}, so batch 1 at concurrency 1 costs what it
     * costs without the batcher); with the engine busy, requests that arrive meanwhile join one batch instead of
     * each waiting for a turn of their own.
     */
    List<PendingRequest> nextBatch(long maxRows, long maxDelayNanos) throws InterruptedException {
        assembling.lockInterruptibly();
        try {
            lock.lockInterruptibly();
            try {
                while (waiting.isEmpty()) {
                    if (closed) {
                        return null;
                    }
                    arrived.await();
                }
                PendingRequest first = waiting.pollFirst();
                List<PendingRequest> batch = new ArrayList<>();
                batch.add(first);
                if (first.batchable()) {
                    addCompany(batch, first, maxRows, maxDelayNanos);
                }
                running++;
                return batch;
            } finally {
                lock.unlock();
            }
        } finally {
            assembling.unlock();
        }
    }

    /** Adds the queued requests that fit with {@code first}, waiting for more as {@link #nextBatch} says. */
    private void addCompany(List<PendingRequest> batch, PendingRequest first, long maxRows, long maxDelayNanos)
            throws InterruptedException {
        long rows = first.rows();
        long deadline = first.enqueuedNanos() + maxDelayNanos;
        while (rows < maxRows && !closed) {
            boolean full = false;
            for (Iterator<PendingRequest> it = waiting.iterator(); it.hasNext() && rows < maxRows; ) {
                PendingRequest next = it.next();
                if (!next.fitsWith(first)) {
                    continue;
                }
                if (rows + next.rows() > maxRows) {
                    full = true;
                    break;
                }
                it.remove();
                batch.add(next);
                rows += next.rows();
            }
            long left = deadline - System.nanoTime();
            if (full || rows >= maxRows || left <= 0 || running == 0) {
                return;
            }
            arrived.awaitNanos(left);
        }
    }

    /** A batch taken with {@link #nextBatch} left the engine. */
    void finished() {
        lock.lock();
        try {
            running--;
            // An assembling worker waiting for company stops waiting once the engine has nothing else to do.
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Refuses new requests and hands back those still waiting, for the caller to fail. */
    List<PendingRequest> close() {
        lock.lock();
        try {
            closed = true;
            List<PendingRequest> left = new ArrayList<>(waiting);
            waiting.clear();
            arrived.signalAll();
            return left;
        } finally {
            lock.unlock();
        }
    }
}
