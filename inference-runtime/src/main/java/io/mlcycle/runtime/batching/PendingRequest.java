package io.mlcycle.runtime.batching;

import io.mlcycle.runtime.tensor.Tensor;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One caller's inputs waiting in a model's queue, with the future its outputs complete and the key that says which
 * other requests it may share an engine call with.
 */
final class PendingRequest {

    private final List<Tensor> inputs;
    private final String key;
    private final long rows;
    private final long enqueuedNanos;
    private final CompletableFuture<List<Tensor>> result = new CompletableFuture<>();

    PendingRequest(List<Tensor> inputs, long enqueuedNanos) {
        this.inputs = inputs;
        this.key = keyOf(inputs);
        this.rows = key == null ? 1 : inputs.get(0).shape()[0];
        this.enqueuedNanos = enqueuedNanos;
    }

    /**
     * Inputs by name, datatype and every dimension but the first: requests with equal keys can be concatenated
     * along dimension 0. Null when an input is a scalar, which has no batch dimension: such a request runs alone.
     */
    private static String keyOf(List<Tensor> inputs) {
        StringBuilder key = new StringBuilder();
        for (Tensor input : inputs.stream().sorted(Comparator.comparing(Tensor::name)).toList()) {
            long[] shape = input.shape();
            if (shape.length == 0) {
                return null;
            }
            key.append(input.name()).append(':').append(input.datatype()).append(':')
                    .append(Arrays.toString(Arrays.copyOfRange(shape, 1, shape.length))).append(';');
        }
        return key.toString();
    }

    List<Tensor> inputs() {
        return inputs;
    }

    long rows() {
        return rows;
    }

    long enqueuedNanos() {
        return enqueuedNanos;
    }

    CompletableFuture<List<Tensor>> result() {
        return result;
    }

    boolean batchable() {
        return key != null;
    }

    /** Whether this request may run in one engine call with {@code other}. */
    boolean fitsWith(PendingRequest other) {
        return key != null && key.equals(other.key);
    }
}
