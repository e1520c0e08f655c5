package io.mlcycle.operator.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class MirrorAgreementTest {

    private static final String PAGE = """
            # HELP mlcycle_router_mirror_predictions_total Predictions of mirrored copies compared
            # TYPE mlcycle_router_mirror_predictions_total counter
            mlcycle_router_mirror_predictions_total{result="agreed",revision="shop-v2"} 120.0
            mlcycle_router_mirror_predictions_total{result="differed",revision="shop-v2"} 6.0
            mlcycle_router_mirror_predictions_total{result="agreed",revision="shop-v1"} 999.0
            mlcycle_router_mirrored_total{outcome="success",revision="shop-v2"} 16.0
            """;

    @Test
    void aRoutersCountsOfOneMirrorRevisionAreRead() {
        assertThat(MirrorAgreement.parse(PAGE, "shop-v2")).isEqualTo(new MirrorAgreement(120, 6));
        assertThat(MirrorAgreement.parse(PAGE, "shop-v3")).isEqualTo(MirrorAgreement.NONE);
        assertThat(MirrorAgreement.NONE.share()).isEmpty();
    }

    @Test
    void anIntervalIsTheDifferenceOfTwoReadsSummedOverRouters() {
        MirrorAgreement later = new MirrorAgreement(150, 10);

        assertThat(later.since(new MirrorAgreement(120, 6))).isEqualTo(new MirrorAgreement(30, 4));
        assertThat(later.since(new MirrorAgreement(500, 0))).as("a router restarted: from zero").isEqualTo(later);
        MirrorAgreement total = MirrorAgreement.sum(List.of(new MirrorAgreement(30, 4), new MirrorAgreement(6, 0)));
        assertThat(total.compared()).isEqualTo(40);
        assertThat(total.share()).contains(0.9);
    }
}
