package io.mlcycle.router.routing;

/**
 * nginx's smooth weighted round-robin: each pick adds every weight to its current value, takes the largest and
 * subtracts the total from it. Over any window of {@code sum(weights)} picks each index is chosen exactly
 * {@code weight} times, and the picks are spread out (80/20 gives A A A A B A A A A B, not eight As then two Bs).
 */
public final class SmoothWeightedRoundRobin {

    private final int[] weights;
    private final int total;
    private final long[] current;

    public SmoothWeightedRoundRobin(int[] weights) {
        this.weights = weights.clone();
        int sum = 0;
        for (int weight : this.weights) {
            if (weight < 0) {
                throw new IllegalArgumentException("negative weight: " + weight);
            }
            sum += weight;
        }
        this.total = sum;
        this.current = new long[weights.length];
    }

    /** The next index, or -1 when every weight is zero (or there are none). */
    public synchronized int next() {
        if (total == 0) {
            return -1;
        }
        int best = -1;
        for (int i = 0; i < weights.length; i++) {
            current[i] += weights[i];
            if (weights[i] > 0 && (best < 0 || current[i] > current[best])) {
                best = i;
            }
        }
        current[best] -= total;
        return best;
    }
}
