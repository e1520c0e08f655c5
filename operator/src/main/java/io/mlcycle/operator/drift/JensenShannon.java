package io.mlcycle.operator.drift;

/** scipy's {@code jensenshannon(p, q, base)}: both vectors normalized, the square root of the divergence. */
public final class JensenShannon {

    private JensenShannon() {
    }

    /** In nats (natural logarithm), as Evidently calls it: 0 to sqrt(ln 2). */
    public static double distance(double[] p, double[] q) {
        double[] a = normalized(p);
        double[] b = normalized(q);
        double divergence = 0;
        for (int i = 0; i < a.length; i++) {
            double m = (a[i] + b[i]) / 2;
            divergence += relativeEntropy(a[i], m) + relativeEntropy(b[i], m);
        }
        return Math.sqrt(Math.max(0, divergence / 2));
    }

    /** In bits ({@code base=2}): 0 to 1. */
    public static double bits(double[] p, double[] q) {
        return distance(p, q) / Math.sqrt(Math.log(2));
    }

    private static double relativeEntropy(double x, double m) {
        return x <= 0 ? 0 : x * Math.log(x / m);
    }

    private static double[] normalized(double[] shares) {
        double total = 0;
        for (double share : shares) {
            total += share;
        }
        double[] normalized = new double[shares.length];
        for (int i = 0; i < shares.length; i++) {
            normalized[i] = total > 0 ? shares[i] / total : 0;
        }
        return normalized;
    }
}
