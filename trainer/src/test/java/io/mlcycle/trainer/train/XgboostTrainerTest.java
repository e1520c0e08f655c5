package io.mlcycle.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlcycle.trainer.ExitCode;
import io.mlcycle.trainer.TrainerFailure;
import io.mlcycle.trainer.settings.Hyperparameters;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What XGBoost is given from the hyperparameters. */
class XgboostTrainerTest {

    @Test
    void defaultsAreOneThreadSeed42AndTheDocumentedTreeSettings() {
        assertThat(new XgboostTrainer(Hyperparameters.none()).parameters()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "booster", "gbtree", "max_depth", 6, "eta", 0.3, "seed", 42, "nthread", 1, "verbosity", 1));
    }

    @Test
    void otherKeysPassThroughAndTheMlpsAreLeftOut() {
        Hyperparameters hyperparameters = new Hyperparameters(Map.of("subsample", " 0.8", "lambda", "2",
                "max_depth", "4", "rounds", "10", "epochs", "5", "hidden", "8", "nthread", "2",
                "validation_fraction", "0.3"));

        Map<String, Object> parameters = new XgboostTrainer(hyperparameters).parameters();

        assertThat(parameters).containsEntry("subsample", "0.8").containsEntry("lambda", "2")
                .containsEntry("max_depth", 4).containsEntry("nthread", "2")
                .doesNotContainKeys("rounds", "epochs", "hidden", "validation_fraction");
        assertThat(XgboostTrainer.ignoredKeys(hyperparameters)).containsExactly("epochs", "hidden");
    }

    @Test
    void learningRateStandsInForEta() {
        assertThat(new XgboostTrainer(new Hyperparameters(Map.of("learning_rate", "0.1"))).parameters())
                .containsEntry("learning_rate", "0.1").doesNotContainKey("eta");
    }

    @Test
    void whatTheTaskDecidesAndBadNumbersAreRefused() {
        assertThatThrownBy(() -> new XgboostTrainer(new Hyperparameters(Map.of("booster", "gblinear"))))
                .hasMessageContaining("[booster] are set by the trainer")
                .extracting(e -> ((TrainerFailure) e).exitCode()).isEqualTo(ExitCode.INVALID_SETTINGS);
        assertThatThrownBy(() -> new XgboostTrainer(new Hyperparameters(Map.of("max_depth", "deep"))))
                .hasMessage("hyperparameter max_depth=deep is not an integer");
        assertThatThrownBy(() -> new XgboostTrainer(new Hyperparameters(Map.of("rounds", "0"))))
                .hasMessage("hyperparameter rounds=0 must be between 1 and 100000");
    }
}
