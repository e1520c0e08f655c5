package io.mlcycle.e2e.support;

import java.util.Locale;
import java.util.Random;

/**
 * A churn table the tests generate (nothing is fetched): tenure, monthly charge, support calls (some missing) and a
 * plan category; {@code churned} is yes when a noisy linear score is high, so a good model separates it well
 * (AUC well above 0.9) but not perfectly. {@link #SHIFTED} customers stay longer, pay more and call more: the drift
 * stories' changed world, from which the same rule draws the labels.
 */
public final class ChurnDataset {

    public static final String[] PLANS = {"basic", "plus", "pro"};
    /** The features in column order: tenure, monthly, support_calls, plan (its code, an index into {@link #PLANS}). */
    public static final int FEATURES = 4;
    public static final boolean SHIFTED = true;

    private ChurnDataset() {
    }

    public static String csv(int rows, long seed) {
        return csv(rows, seed, false);
    }

    public static String csv(int rows, long seed, boolean shifted) {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder("tenure,monthly,support_calls,plan,churned\n");
        for (int i = 0; i < rows; i++) {
            double[] row = row(random, shifted);
            double score = -0.08 * row[0] + 0.03 * row[1] + 0.6 * row[2] - 0.8 * row[3] + random.nextGaussian() * 0.7;
            String callsCell = random.nextDouble() < 0.05 ? "" : Integer.toString((int) row[2]);
            csv.append(String.format(Locale.ROOT, "%.2f,%.2f,%s,%s,%s%n", row[0], row[1], callsCell,
                    PLANS[(int) row[3]], score > 1.0 ? "yes" : "no"));
        }
        return csv.toString();
    }

    /** One customer's features as the model reads them, drawn as {@link #csv} draws a row's. */
    public static double[] row(Random random, boolean shifted) {
        double tenure = random.nextDouble() * 72;
        double monthly = 20 + random.nextDouble() * 100;
        int calls = random.nextInt(8);
        int plan = random.nextInt(3);
        return shifted ? new double[] {tenure + 30, monthly * 1.6, calls + 3, plan}
                : new double[] {tenure, monthly, calls, plan};
    }
}
