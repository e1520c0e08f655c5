package io.mlcycle.router.compare;

import java.util.Optional;

import io.mlcycle.router.metrics.RouterMetrics;

/** Counts one mirrored request's comparison: the client's answer against the mirror revision's. */
public final class MirrorComparison {

    private final RouterMetrics metrics;

    public MirrorComparison(RouterMetrics metrics) {
        this.metrics = metrics;
    }

    /**
     * Records how many of the client's predictions the copy's answer (of {@code revision}) agreed with. Nothing is
     * recorded when the client's answer is none; a copy's answer that is none (not an OIP answer) differs in all.
     */
    public void record(String revision, Optional<OipAnswer> client, Optional<OipAnswer> mirror) {
        client.ifPresent(answer -> {
            PredictionAgreement.Count count = mirror.map(copy -> PredictionAgreement.compare(answer, copy))
                    .orElseGet(() -> new PredictionAgreement.Count(0, PredictionAgreement.rows(answer)));
            metrics.compared(revision, count.agreed(), count.differed());
        });
    }
}
