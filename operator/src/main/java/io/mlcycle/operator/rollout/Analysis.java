package io.mlcycle.operator.rollout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.mlcycle.api.v1alpha1.AnalysisCheck;
import io.mlcycle.api.v1alpha1.AnalysisOutcome;
import io.mlcycle.api.v1alpha1.AnalysisResult;
import io.mlcycle.api.v1alpha1.AnalysisSpec;
import io.mlcycle.api.v1alpha1.CanaryPhase;

/**
 * Judges one interval of a canary against {@code spec.rollout.analysis}: too few requests is Inconclusive (wait, never
 * a pass); otherwise each configured threshold is a check, and one figure beyond its threshold fails the analysis. The
 * agreement of answers is checked only while the canary is mirrored (only then does the router see both answers).
 */
public final class Analysis {

    public static final String ERROR_RATE = "errorRate";
    public static final String LATENCY_P99 = "latencyP99";
    public static final String PREDICTION_SHIFT = "predictionShift";
    public static final String AGREEMENT = "agreement";
    /** Said of a check recorded for a drift retrain but not held against it. */
    static final String NOT_HELD = " (not held against a drift retrain that beat the served version)";
    /** How the router matches two predictions: the same class (argmax), or a single value within 0.01. */
    public static final String AGREEMENT_METHOD = "sameClassOrValue";

    private Analysis() {
    }

    /** Whether any threshold is set: without one, steps advance on time alone and nothing is measured. */
    public static boolean configured(AnalysisSpec spec) {
        return spec != null && (spec.getMaxErrorRate() != null || spec.getMaxLatencyP99() != null
                || spec.getMaxPredictionShift() != null || spec.getMinAgreement() != null);
    }

    public static Duration interval(AnalysisSpec spec) {
        return SpecDuration.parse(spec == null ? null : spec.getInterval(), Duration.ofSeconds(30));
    }

    public static AnalysisResult judge(AnalysisSpec spec, CanaryFigures figures, CanaryPhase phase, Instant now) {
        return judge(spec, figures, phase, now, false);
    }

    /**
     * As {@link #judge(AnalysisSpec, CanaryFigures, CanaryPhase, Instant)}; with {@code meantToDiffer} (a drift
     * retrain that beat the served version on the new data: its predictions are meant to differ from the stable
     * version's) the prediction shift and the agreement are recorded but never fail it or hold it back, while errors
     * and latency are judged as for any canary.
     */
    public static AnalysisResult judge(AnalysisSpec spec, CanaryFigures figures, CanaryPhase phase, Instant now,
            boolean meantToDiffer) {
        AnalysisResult result = new AnalysisResult();
        result.setTime(now.toString());
        result.setPhase(phase.name());
        result.setRequests(figures.requests());
        if (figures.requests() > 0) {
            result.setErrorRate((double) figures.errors() / figures.requests());
        }
        result.setLatencyP99Ms(figures.latencyP99Ms());
        result.setPredictionShift(figures.predictionShift());
        boolean agreement = spec.getMinAgreement() != null && phase == CanaryPhase.Mirroring;
        if (agreement) {
            result.setAgreement(figures.agreement().share().orElse(null));
        }
        long needed = spec.getMinRequests() == null ? 100 : spec.getMinRequests();
        String served = phase == CanaryPhase.Mirroring ? "mirrored requests" : "requests";
        if (figures.requests() < Math.max(1, needed)) {
            return inconclusive(result, figures.requests() + " of the " + Math.max(1, needed) + " " + served
                    + " needed in the interval");
        }
        List<AnalysisCheck> checks = new ArrayList<>();
        if (spec.getMaxErrorRate() != null) {
            checks.add(check(ERROR_RATE, result.getErrorRate(), spec.getMaxErrorRate(), null));
        }
        if (spec.getMaxLatencyP99() != null) {
            if (figures.latencyP99Ms() == null) {
                return inconclusive(result, "no latency figures for the interval");
            }
            double limit = SpecDuration.parse(spec.getMaxLatencyP99(), null).toNanos() / 1e6;
            checks.add(check(LATENCY_P99, figures.latencyP99Ms(), limit, null));
        }
        if (spec.getMaxPredictionShift() != null && meantToDiffer) {
            if (figures.predictionShift() != null) {
                checks.add(new AnalysisCheck(PREDICTION_SHIFT, figures.predictionShift(), spec.getMaxPredictionShift(),
                        figures.shiftMethod() + NOT_HELD, true));
            }
        } else if (spec.getMaxPredictionShift() != null) {
            if (figures.predictionShift() == null) {
                return inconclusive(result, "no predictions of both versions to compare in the interval");
            }
            checks.add(check(PREDICTION_SHIFT, figures.predictionShift(), spec.getMaxPredictionShift(),
                    figures.shiftMethod()));
        }
        if (agreement && meantToDiffer) {
            if (result.getAgreement() != null) {
                checks.add(new AnalysisCheck(AGREEMENT, result.getAgreement(), spec.getMinAgreement(),
                        AGREEMENT_METHOD + NOT_HELD, true));
            }
        } else if (agreement) {
            if (result.getAgreement() == null) {
                return inconclusive(result, "no mirrored answers compared by the router in the interval");
            }
            checks.add(new AnalysisCheck(AGREEMENT, result.getAgreement(), spec.getMinAgreement(),
                    AGREEMENT_METHOD, result.getAgreement() >= spec.getMinAgreement()));
        }
        result.setChecks(checks);
        List<String> failed = checks.stream().filter(c -> !c.getPassed())
                .map(c -> c.getName() + " " + figure(c.getValue()) + (AGREEMENT.equals(c.getName()) ? " < " : " > ")
                        + figure(c.getThreshold()) + (LATENCY_P99.equals(c.getName()) ? " ms" : ""))
                .toList();
        result.setOutcome(failed.isEmpty() ? AnalysisOutcome.Passed : AnalysisOutcome.Failed);
        result.setMessage(failed.isEmpty() ? "every check passed over " + figures.requests() + " " + served
                : String.join("; ", failed));
        return result;
    }

    private static AnalysisResult inconclusive(AnalysisResult result, String why) {
        result.setOutcome(AnalysisOutcome.Inconclusive);
        result.setMessage("waiting: " + why);
        return result;
    }

    private static AnalysisCheck check(String name, double value, double threshold, String method) {
        return new AnalysisCheck(name, value, threshold, method, value <= threshold);
    }

    /** Four significant digits: enough to compare with a threshold, short enough for a condition message. */
    static String figure(double value) {
        return String.format(Locale.ROOT, "%.4g", value).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replaceAll("\\.(e|$)",
                "$1");
    }
}
