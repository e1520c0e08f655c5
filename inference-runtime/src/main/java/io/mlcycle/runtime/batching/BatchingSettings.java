package io.mlcycle.runtime.batching;

import java.time.Duration;

/**
 * Dynamic batching limits of one model.
 *
 * @param maxBatchSize most rows (dimension 0, summed over requests) merged into one engine call; 1 turns batching off
 * @param maxDelay longest time the first request of a batch waits for others to join it
 * @param queueCapacity most requests waiting for an engine call; more are refused as overloaded
 * @param workers engine calls at once (one thread each; the model's predictor pool should be as large)
 */
public record BatchingSettings(int maxBatchSize, Duration maxDelay, int queueCapacity, int workers) {

    public BatchingSettings {
        if (maxBatchSize < 1 || queueCapacity < 1 || workers < 1) {
            throw new IllegalArgumentException("max-batch-size, queue-capacity and workers must be at least 1, got "
                    + maxBatchSize + ", " + queueCapacity + ", " + workers);
        }
        if (maxDelay.isNegative()) {
            throw new IllegalArgumentException("max-delay must not be negative, got " + maxDelay);
        }
    }

    public boolean batches() {
        return maxBatchSize > 1;
    }
}
