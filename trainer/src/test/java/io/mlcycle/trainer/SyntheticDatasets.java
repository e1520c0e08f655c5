package io.mlcycle.trainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Small generated CSV datasets with a known structure, so a test knows how well a model must do: a numeric column
 * with missing values, a second numeric one and a categorical plan whose effect the model must learn.
 */
public final class SyntheticDatasets {

    private static final String[] PLANS = {"basic", "plus", "pro"};
    private static final double[] PLAN_EFFECT = {-1.0, 0.0, 1.5};

    private SyntheticDatasets() {
    }

    /** Churn or stay, from tenure, usage and plan, with a little noise; about 5% of tenure cells empty. */
    public static Path binary(Path file, int rows, long seed) throws IOException {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder("tenure,usage,plan,churned\n");
        for (int r = 0; r < rows; r++) {
            double tenure = random.nextGaussian();
            double usage = random.nextGaussian();
            int plan = random.nextInt(PLANS.length);
            double score = 2 * tenure - 1.5 * usage + PLAN_EFFECT[plan] + 0.4 * random.nextGaussian();
            String tenureCell = random.nextDouble() < 0.05 ? "" : format(tenure);
            csv.append(tenureCell).append(',').append(format(usage)).append(',').append(PLANS[plan]).append(',')
                    .append(score > 0 ? "yes" : "no").append('\n');
        }
        return write(file, csv);
    }

    /** Three classes by which of three scores is largest. */
    public static Path multiclass(Path file, int rows, long seed) throws IOException {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder("a,b,plan,segment\n");
        for (int r = 0; r < rows; r++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            int plan = random.nextInt(PLANS.length);
            double[] scores = {a + 0.2 * random.nextGaussian(), b + 0.2 * random.nextGaussian(),
                    PLAN_EFFECT[plan] * 0.8 + 0.2 * random.nextGaussian()};
            int best = scores[0] >= scores[1] && scores[0] >= scores[2] ? 0 : scores[1] >= scores[2] ? 1 : 2;
            csv.append(format(a)).append(',').append(format(b)).append(',').append(PLANS[plan]).append(',')
                    .append(new String[] {"red", "green", "blue"}[best]).append('\n');
        }
        return write(file, csv);
    }

    /** Spend as a linear function of tenure, usage and plan, plus noise; tenure sometimes missing. */
    public static Path regression(Path file, int rows, long seed) throws IOException {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder("tenure,usage,plan,spend\n");
        for (int r = 0; r < rows; r++) {
            double tenure = random.nextGaussian();
            double usage = random.nextGaussian();
            int plan = random.nextInt(PLANS.length);
            double spend = 50 + 3 * tenure - 2 * usage + 4 * PLAN_EFFECT[plan] + 0.5 * random.nextGaussian();
            String tenureCell = random.nextDouble() < 0.03 ? "NA" : format(tenure);
            csv.append(tenureCell).append(',').append(format(usage)).append(',').append(PLANS[plan]).append(',')
                    .append(format(spend)).append('\n');
        }
        return write(file, csv);
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    private static Path write(Path file, CharSequence csv) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, csv);
    }
}
