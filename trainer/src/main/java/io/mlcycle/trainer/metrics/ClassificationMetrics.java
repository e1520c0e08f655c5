package io.mlcycle.trainer.metrics;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Accuracy, ROC AUC, F1 and log loss of class probabilities against true class codes. Two classes make a binary
 * task whose positive class is class 1: AUC and F1 are those of class 1. More classes: AUC is the macro average of
 * one-vs-rest AUCs (over classes that have both positive and negative rows), F1 the macro average over every class
 * that occurs in the labels or the predictions. A metric that is undefined for these rows (AUC with one class only)
 * is left out.
 */
public final class ClassificationMetrics {

    /** Probabilities are clipped to [EPSILON, 1 - EPSILON] for log loss, as scikit-learn does. */
    static final double EPSILON = 1e-15;

    private ClassificationMetrics() {
    }

    /** {@code accuracy}, {@code auc}, {@code f1}, {@code logloss}, in this order. */
    public static Map<String, Double> evaluate(double[][] probabilities, int[] labels) {
        if (probabilities.length != labels.length || labels.length == 0) {
            throw new IllegalArgumentException(probabilities.length + " predictions for " + labels.length + " labels");
        }
        int classes = probabilities[0].length;
        int[] predicted = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            predicted[i] = argMax(probabilities[i]);
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("accuracy", accuracy(predicted, labels));
        double auc = classes == 2 ? rocAuc(column(probabilities, 1), is(labels, 1)) : macroAuc(probabilities, labels);
        if (!Double.isNaN(auc)) {
            metrics.put("auc", auc);
        }
        metrics.put("f1", classes == 2 ? f1(predicted, labels, 1) : macroF1(predicted, labels, classes));
        metrics.put("logloss", logLoss(probabilities, labels));
        return metrics;
    }

    static double accuracy(int[] predicted, int[] labels) {
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            if (predicted[i] == labels[i]) {
                correct++;
            }
        }
        return correct / (double) labels.length;
    }

    /**
     * The area under the ROC curve: the chance that a random positive row scores above a random negative one, a tie
     * counting half (the Mann-Whitney U statistic with average ranks for ties). NaN without both kinds of rows.
     */
    public static double rocAuc(double[] scores, boolean[] positive) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double positiveRankSum = 0;
        long positives = 0;
        for (int start = 0; start < n; ) {
            int end = start;
            while (end + 1 < n && scores[order[end + 1]] == scores[order[start]]) {
                end++;
            }
            double averageRank = (start + end) / 2.0 + 1;
            for (int i = start; i <= end; i++) {
                if (positive[order[i]]) {
                    positiveRankSum += averageRank;
                    positives++;
                }
            }
            start = end + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    private static double macroAuc(double[][] probabilities, int[] labels) {
        double sum = 0;
        int counted = 0;
        for (int c = 0; c < probabilities[0].length; c++) {
            double auc = rocAuc(column(probabilities, c), is(labels, c));
            if (!Double.isNaN(auc)) {
                sum += auc;
                counted++;
            }
        }
        return counted == 0 ? Double.NaN : sum / counted;
    }

    /** F1 of one class: 2TP / (2TP + FP + FN); 0 when the class is neither predicted nor present. */
    static double f1(int[] predicted, int[] labels, int positiveClass) {
        long truePositives = 0;
        long falsePositives = 0;
        long falseNegatives = 0;
        for (int i = 0; i < labels.length; i++) {
            boolean predictedPositive = predicted[i] == positiveClass;
            boolean actualPositive = labels[i] == positiveClass;
            if (predictedPositive && actualPositive) {
                truePositives++;
            } else if (predictedPositive) {
                falsePositives++;
            } else if (actualPositive) {
                falseNegatives++;
            }
        }
        long denominator = 2 * truePositives + falsePositives + falseNegatives;
        return denominator == 0 ? 0 : 2.0 * truePositives / denominator;
    }

    private static double macroF1(int[] predicted, int[] labels, int classes) {
        boolean[] seen = new boolean[classes];
        for (int i = 0; i < labels.length; i++) {
            seen[labels[i]] = true;
            seen[predicted[i]] = true;
        }
        double sum = 0;
        int counted = 0;
        for (int c = 0; c < classes; c++) {
            if (seen[c]) {
                sum += f1(predicted, labels, c);
                counted++;
            }
        }
        return sum / counted;
    }

    /** Mean negative log of the probability given to the true class. */
    static double logLoss(double[][] probabilities, int[] labels) {
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            double p = Math.min(1 - EPSILON, Math.max(EPSILON, probabilities[i][labels[i]]));
            sum -= Math.log(p);
        }
        return sum / labels.length;
    }

    private static int argMax(double[] row) {
        int best = 0;
        for (int c = 1; c < row.length; c++) {
            if (row[c] > row[best]) {
                best = c;
            }
        }
        return best;
    }

    private static double[] column(double[][] rows, int c) {
        double[] column = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            column[i] = rows[i][c];
        }
        return column;
    }

    private static boolean[] is(int[] labels, int c) {
        boolean[] positive = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            positive[i] = labels[i] == c;
        }
        return positive;
    }
}
