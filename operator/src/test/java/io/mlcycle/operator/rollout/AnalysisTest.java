package io.mlcycle.operator.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.mlcycle.api.v1alpha1.AnalysisOutcome;
import io.mlcycle.api.v1alpha1.AnalysisResult;
import io.mlcycle.api.v1alpha1.AnalysisSpec;
import io.mlcycle.api.v1alpha1.CanaryPhase;

class AnalysisTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final AnalysisSpec ALL = Serialization.unmarshal("""
            interval: 30s
            minRequests: 100
            maxErrorRate: 0.01
            maxLatencyP99: 250ms
            maxPredictionShift: 0.1
            """, AnalysisSpec.class);

    @Test
    void everyFigureWithinItsThresholdPassesAndEachCheckIsRecorded() {
        AnalysisResult result = Analysis.judge(ALL, new CanaryFigures(500, 2, 120.0, 0.03, "jensenShannon"),
                CanaryPhase.Progressing, NOW);

        assertThat(result.getOutcome()).isEqualTo(AnalysisOutcome.Passed);
        assertThat(result.getTime()).isEqualTo("2026-12-01T12:00:00Z");
        assertThat(result.getErrorRate()).isEqualTo(0.004);
        assertThat(result.getChecks()).extracting(c -> c.getName() + " " + c.getValue() + " <= " + c.getThreshold()
                + " " + c.getPassed()).containsExactly("errorRate 0.004 <= 0.01 true", "latencyP99 120.0 <= 250.0 true",
                "predictionShift 0.03 <= 0.1 true");
        assertThat(result.getChecks().get(2).getMethod()).isEqualTo("jensenShannon");
        assertThat(result.getMessage()).isEqualTo("every check passed over 500 requests");
    }

    @Test
    void aFigureAboveItsThresholdFailsAndIsNamedWithIt() {
        AnalysisResult result = Analysis.judge(ALL, new CanaryFigures(500, 0, 900.0, 0.42, "jensenShannon"),
                CanaryPhase.Mirroring, NOW);

        assertThat(result.getOutcome()).isEqualTo(AnalysisOutcome.Failed);
        assertThat(result.getPhase()).isEqualTo("Mirroring");
        assertThat(result.getMessage()).isEqualTo("latencyP99 900 > 250 ms; predictionShift 0.42 > 0.1");
    }

    @Test
    void aDriftRetrainIsMeantToPredictOtherwiseSoItsShiftIsRecordedNotHeldAgainstIt() {
        AnalysisResult result = Analysis.judge(ALL, new CanaryFigures(500, 0, 120.0, 0.42, "jensenShannon"),
                CanaryPhase.Progressing, NOW, true);
        assertThat(result.getOutcome()).isEqualTo(AnalysisOutcome.Passed);
        assertThat(result.getChecks()).filteredOn(c -> c.getName().equals("predictionShift")).singleElement()
                .satisfies(c -> {
                    assertThat(c.getValue()).isEqualTo(0.42);
                    assertThat(c.getMethod()).contains("not held against a drift retrain");
                });
        assertThat(Analysis.judge(ALL, new CanaryFigures(500, 0, 120.0, null, null), CanaryPhase.Progressing, NOW,
                true).getOutcome()).as("nor does it wait for the figure").isEqualTo(AnalysisOutcome.Passed);
        assertThat(Analysis.judge(ALL, new CanaryFigures(500, 400, 120.0, 0.0, "jensenShannon"),
                CanaryPhase.Progressing, NOW, true).getOutcome()).as("errors still count")
                .isEqualTo(AnalysisOutcome.Failed);
    }

    @Test
    void tooFewRequestsOrAMissingFigureIsInconclusiveNeverAPass() {
        assertThat(Analysis.judge(ALL, new CanaryFigures(99, 0, 1.0, 0.0, "jensenShannon"), CanaryPhase.Mirroring, NOW)
                .getMessage()).isEqualTo("waiting: 99 of the 100 mirrored requests needed in the interval");
        AnalysisResult noShift = Analysis.judge(ALL, new CanaryFigures(500, 0, 1.0, null, null),
                CanaryPhase.Progressing, NOW);
        assertThat(noShift.getOutcome()).isEqualTo(AnalysisOutcome.Inconclusive);
        assertThat(noShift.getMessage()).isEqualTo("waiting: no predictions of both versions to compare in the interval");
    }

    @Test
    void whileMirroredTheAgreementOfAnswersIsCheckedAgainstItsLowestShare() {
        AnalysisSpec spec = Serialization.unmarshal("""
                minRequests: 10
                minAgreement: 0.9
                """, AnalysisSpec.class);
        CanaryFigures figures = new CanaryFigures(40, 0, 2.0, null, null);

        AnalysisResult agreed = Analysis.judge(spec, figures.withAgreement(new MirrorAgreement(95, 5)),
                CanaryPhase.Mirroring, NOW);
        assertThat(agreed.getOutcome()).isEqualTo(AnalysisOutcome.Passed);
        assertThat(agreed.getAgreement()).isEqualTo(0.95);
        assertThat(agreed.getChecks()).singleElement().satisfies(c -> {
            assertThat(c.getName()).isEqualTo("agreement");
            assertThat(c.getThreshold()).isEqualTo(0.9);
            assertThat(c.getMethod()).isEqualTo("sameClassOrValue");
        });

        AnalysisResult differed = Analysis.judge(spec, figures.withAgreement(new MirrorAgreement(30, 70)),
                CanaryPhase.Mirroring, NOW);
        assertThat(differed.getOutcome()).isEqualTo(AnalysisOutcome.Failed);
        assertThat(differed.getMessage()).isEqualTo("agreement 0.3 < 0.9");

        AnalysisResult uncompared = Analysis.judge(spec, figures, CanaryPhase.Mirroring, NOW);
        assertThat(uncompared.getOutcome()).isEqualTo(AnalysisOutcome.Inconclusive);
        assertThat(uncompared.getMessage()).isEqualTo(
                "waiting: no mirrored answers compared by the router in the interval");

        AnalysisResult progressing = Analysis.judge(spec, figures, CanaryPhase.Progressing, NOW);
        assertThat(progressing.getOutcome()).as("with real traffic the router sees one answer per request")
                .isEqualTo(AnalysisOutcome.Passed);
        assertThat(progressing.getChecks()).isEmpty();
        assertThat(progressing.getAgreement()).isNull();
    }

    @Test
    void withoutThresholdsNothingIsConfigured() {
        assertThat(Analysis.configured(new AnalysisSpec())).isFalse();
        assertThat(Analysis.configured(ALL)).isTrue();
        assertThat(Analysis.figure(0.15000001)).isEqualTo("0.15");
        assertThat(Analysis.figure(1234.5)).isEqualTo("1235");
    }
}
