package io.mlcycle.runtime.batching;

import io.mlcycle.runtime.InferenceException;
import io.mlcycle.runtime.tensor.Shapes;
import io.mlcycle.runtime.tensor.Tensor;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;

/** Joins requests' tensors along dimension 0 into one batch, and cuts a batch's outputs back into each request's rows. */
final class RowConcatenation {

    private RowConcatenation() {
    }

    /** One tensor per input of the first request, each holding every request's rows in request order. */
    static List<Tensor> concat(List<PendingRequest> batch) {
        List<Tensor> first = batch.get(0).inputs();
        List<Tensor> merged = new ArrayList<>(first.size());
        for (Tensor input : first) {
            List<Tensor> parts = new ArrayList<>(batch.size());
            for (PendingRequest request : batch) {
                parts.add(Tensor.named(request.inputs(), input.name()).orElseThrow(
                        () -> new IllegalStateException("batched request lacks input " + input.name())));
            }
            merged.add(concat(input, parts));
        }
        return merged;
    }

    private static Tensor concat(Tensor first, List<Tensor> parts) {
        int total = 0;
        long rows = 0;
        for (Tensor part : parts) {
            total = Math.addExact(total, part.size());
            rows += part.shape()[0];
        }
        Object data = Array.newInstance(first.datatype().storage().getComponentType(), total);
        int offset = 0;
        for (Tensor part : parts) {
            System.arraycopy(part.data(), 0, data, offset, part.size());
            offset += part.size();
        }
        long[] shape = first.shape().clone();
        shape[0] = rows;
        return new Tensor(first.name(), first.datatype(), shape, data);
    }

    /**
     * Each request's share of the outputs: request {@code i} gets rows {@code rows[0] + … + rows[i-1]} onwards,
     * {@code rows[i]} of them. Every output must have the batch's row count as its first dimension.
     */
    static List<List<Tensor>> split(List<Tensor> outputs, long[] rows) {
        long total = 0;
        for (long r : rows) {
            total += r;
        }
        List<List<Tensor>> shares = new ArrayList<>(rows.length);
        for (int i = 0; i < rows.length; i++) {
            shares.add(new ArrayList<>(outputs.size()));
        }
        for (Tensor output : outputs) {
            long[] shape = output.shape();
            if (shape.length == 0 || shape[0] != total) {
                throw new InferenceException(InferenceException.Kind.INTERNAL, "output '" + output.name()
                        + "' has shape " + Shapes.format(shape) + ", which cannot be split into the batch's "
                        + total + " rows; serve this model with max-batch-size 1");
            }
            int perRow = total == 0 ? 0 : Math.toIntExact(output.size() / total);
            int offset = 0;
            for (int i = 0; i < rows.length; i++) {
                int count = Math.toIntExact(rows[i] * perRow);
                Object data = Array.newInstance(output.datatype().storage().getComponentType(), count);
                System.arraycopy(output.data(), offset, data, 0, count);
                offset += count;
                long[] part = shape.clone();
                part[0] = rows[i];
                shares.get(i).add(new Tensor(output.name(), output.datatype(), part, data));
            }
        }
        return shares;
    }
}
