package io.mlcycle.e2e.support;

import java.util.Locale;
import java.util.Random;

/**
 * A churn table the tests generate (nothing is fetched): tenure, monthly charge, support calls (some missing) and a
 * plan category; {@code churned} is yes when a noisy linear score is high, so a good model separates it well
 * (AUC well above 0.9) but not perfectly.
 */
public final class ChurnDataset {

    private ChurnDataset() {
    }

    public static String csv(int rows, long seed) {
        Random random = new Random(seed);
        String[] plans = {"basic", "plus", "pro"};
        StringBuilder csv = new StringBuilder("tenure,monthly,support_calls,plan,churned\n");
        for (int i = 0; i < rows; i++) {
            double tenure = random.nextDouble() * 72;
            double monthly = 20 + random.nextDouble() * 100;
            int calls = random.nextInt(8);
            int plan = random.nextInt(3);
            double score = -0.08 * tenure + 0.03 * monthly + 0.6 * calls - 0.8 * plan + random.nextGaussian() * 0.7;
            String callsCell = random.nextDouble() < 0.05 ? "" : Integer.toString(calls);
            csv.append(String.format(Locale.ROOT, "%.2f,%.2f,%s,%s,%s%n", tenure, monthly, callsCell, plans[plan],
                    score > 1.0 ? "yes" : "no"));
        }
        return csv.toString();
    }
}
