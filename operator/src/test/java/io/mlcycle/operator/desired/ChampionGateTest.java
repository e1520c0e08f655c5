package io.mlcycle.operator.desired;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mlcycle.api.v1alpha1.Approval;
import io.mlcycle.api.v1alpha1.TrainingJob;
import io.mlcycle.operator.Fixtures;
import io.mlcycle.operator.config.OperatorSettings;

class ChampionGateTest {

    @Test
    void theChallengerPassesOnlyWhenBetterByMoreThanTheMinimum() {
        Map<String, Double> metrics = Map.of("auc", 0.95, "champion_auc", 0.80, "accuracy", 0.70,
                "champion_accuracy", 0.75, "rmse", 1.0);
        ChampionGate.Verdict auc = ChampionGate.judge(metrics, null, 0);
        assertThat(auc.passed()).isTrue();
        assertThat(auc.reason()).isEqualTo("ChallengerBetter");
        assertThat(auc.message()).contains("auc 0.9500 against the champion's 0.8000", "better by 0.1500");
        assertThat(ChampionGate.judge(metrics, null, 0.2).passed()).as("not by more than 0.2").isFalse();
        ChampionGate.Verdict accuracy = ChampionGate.judge(metrics, "accuracy", 0);
        assertThat(accuracy.passed()).isFalse();
        assertThat(accuracy.reason()).isEqualTo("ChallengerNotBetter");
        assertThat(accuracy.message()).contains("worse by 0.0500");
        assertThat(ChampionGate.judge(Map.of("auc", 0.9, "champion_auc", 0.9), null, 0).passed())
                .as("a tie does not beat the champion").isFalse();
    }

    @Test
    void lowerIsBetterForErrorsAndMissingFiguresNeverPass() {
        assertThat(ChampionGate.judge(Map.of("rmse", 1.0, "champion_rmse", 2.0), null, 0).passed()).isTrue();
        assertThat(ChampionGate.judge(Map.of("logloss", 0.5, "champion_logloss", 0.4), "logloss", 0).passed())
                .isFalse();
        ChampionGate.Verdict missing = ChampionGate.judge(Map.of("auc", 0.99), null, 0);
        assertThat(missing.passed()).isFalse();
        assertThat(missing.reason()).isEqualTo("ChampionNotScored");
    }

    @Test
    void aRetrainsPolicyDecidesItsApprovalAndOtherRunsGetTheDefault() {
        TrainerResult better = TrainerResult.parse(Fixtures.TRAINER_RESULT.replace("\"auc\":0.97",
                "\"auc\":0.97,\"champion_auc\":0.90")).orElseThrow();
        TrainerResult worse = TrainerResult.parse(Fixtures.TRAINER_RESULT.replace("\"auc\":0.97",
                "\"auc\":0.97,\"champion_auc\":0.99")).orElseThrow();
        OperatorSettings approving = OperatorSettings.defaults().withDefaultApproval(Approval.Approved);
        TrainingJob plain = Fixtures.trainingJob("");
        TrainingJob auto = Fixtures.trainingJob("");
        auto.getMetadata().setAnnotations(Map.of(ChampionGate.POLICY, "Auto"));
        TrainingJob manual = Fixtures.trainingJob("");
        manual.getMetadata().setAnnotations(Map.of(ChampionGate.POLICY, "Manual"));

        assertThat(RegisteredVersion.approval(plain, better, approving)).isEqualTo(Approval.Approved);
        assertThat(RegisteredVersion.approval(auto, better, OperatorSettings.defaults())).isEqualTo(Approval.Approved);
        assertThat(RegisteredVersion.approval(auto, worse, approving)).isEqualTo(Approval.Pending);
        assertThat(RegisteredVersion.approval(manual, better, approving)).isEqualTo(Approval.Pending);
        assertThat(RegisteredVersion.of(auto, worse, 2, OperatorSettings.defaults()).getMetadata().getAnnotations())
                .containsEntry(ChampionGate.POLICY, "Auto");
    }
}
