package io.mlcycle.operator.desired;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The champion-vs-challenger gate of a retrain with {@code approval.policy: Auto}: the trainer scored the new model
 * and the version it retrains on the new data's validation split ({@code <metric>} and {@code champion_<metric>} in
 * the metrics); the new one passes when it is better by more than {@code minImprovement}. Missing figures never pass.
 */
public final class ChampionGate {

    /** Annotation on a retraining TrainingJob and the ModelVersion it registers: Manual or Auto. */
    public static final String POLICY = "mlcycle.io/approval-policy";
    /** Annotation: the metric the gate compares, when the retrain names one. */
    public static final String METRIC = "mlcycle.io/gate-metric";
    /** Annotation: how much better the new model must be. */
    public static final String MIN_IMPROVEMENT = "mlcycle.io/gate-min-improvement";
    /** Annotation on a retraining TrainingJob: the artifact of the version it retrains, which the trainer scores. */
    public static final String CHAMPION_ARTIFACT = "mlcycle.io/champion-artifact";
    public static final String CHAMPION_SHA256 = "mlcycle.io/champion-sha256";
    public static final String AUTO = "Auto";
    static final String PREFIX = "champion_";
    /** Compared when no metric is named: the trainer's headline metrics, in its order. */
    static final List<String> DEFAULT_METRICS = List.of("auc", "accuracy", "rmse");
    static final Set<String> LOWER_IS_BETTER = Set.of("rmse", "mae", "logloss", "mlogloss");

    private ChampionGate() {
    }

    /** The gate's verdict: passed or not, a condition reason, and the figures in words. */
    public record Verdict(boolean passed, String reason, String message) {
    }

    /** Judges from annotations ({@link #METRIC}, {@link #MIN_IMPROVEMENT}) and the new version's metrics. */
    public static Verdict judge(Map<String, String> annotations, Map<String, Double> metrics) {
        double min = Optional.ofNullable(annotations.get(MIN_IMPROVEMENT)).map(text -> {
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                return 0.0;
            }
        }).orElse(0.0);
        return judge(metrics == null ? Map.of() : metrics, annotations.get(METRIC), min);
    }

    public static Verdict judge(Map<String, Double> metrics, String metric, double minImprovement) {
        List<String> candidates = metric == null ? DEFAULT_METRICS : List.of(metric);
        Optional<String> chosen = candidates.stream()
                .filter(m -> metrics.containsKey(m) && metrics.containsKey(PREFIX + m)).findFirst();
        if (chosen.isEmpty()) {
            return new Verdict(false, "ChampionNotScored", "no " + PREFIX + String.join("/" + PREFIX, candidates)
                    + " beside the new model's figures: the trainer could not score the version it retrains (its "
                    + "log says why); a person approves it or not");
        }
        String name = chosen.get();
        double challenger = metrics.get(name);
        double champion = metrics.get(PREFIX + name);
        double better = LOWER_IS_BETTER.contains(name) ? champion - challenger : challenger - champion;
        boolean passed = better > minImprovement;
        String figures = String.format(Locale.ROOT, "%s %.4f against the champion's %.4f on the new data's "
                + "validation split: %s by %.4f (the gate needs better by more than %s)", name, challenger, champion,
                better >= 0 ? "better" : "worse", Math.abs(better), minImprovement);
        return new Verdict(passed, passed ? "ChallengerBetter" : "ChallengerNotBetter", figures);
    }
}
