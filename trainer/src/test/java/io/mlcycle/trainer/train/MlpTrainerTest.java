package io.mlcycle.trainer.train;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlcycle.trainer.settings.Hyperparameters;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The networks' hyperparameters, checked before any data is fetched. */
class MlpTrainerTest {

    @Test
    void theDocumentedKeysAreAccepted() {
        assertThatCode(() -> new MlpTrainer(false, new Hyperparameters(Map.of("epochs", "3", "hidden", "32, 16",
                "learning_rate", "0.001", "batch_size", "64", "activation", "TANH", "seed", "1", "nthread", "2",
                "validation_fraction", "0.1")))).doesNotThrowAnyException();
    }

    @Test
    void aTypoIsRefusedWithTheKeysThatExist() {
        assertThatThrownBy(() -> new MlpTrainer(false, new Hyperparameters(Map.of("epoch", "3"))))
                .hasMessage("hyperparameters [epoch] mean nothing to the mlp algorithm; it takes [activation, "
                        + "batch_size, epochs, hidden, learning_rate, nthread, seed, validation_fraction]");
    }

    @Test
    void theLinearModelHasNoHiddenLayers() {
        assertThatThrownBy(() -> new MlpTrainer(true, new Hyperparameters(Map.of("hidden", "8"))))
                .hasMessageContaining("[hidden] mean nothing to the linear algorithm");
    }

    @Test
    void badValuesAreNamed() {
        assertThatThrownBy(() -> new MlpTrainer(false, new Hyperparameters(Map.of("hidden", "16,0"))))
                .hasMessageContaining("every size must be between 1 and 65536");
        assertThatThrownBy(() -> new MlpTrainer(false, new Hyperparameters(Map.of("activation", "gelu"))))
                .hasMessage("hyperparameter activation=gelu is not one of relu, tanh, sigmoid");
        assertThatThrownBy(() -> new MlpTrainer(false, new Hyperparameters(Map.of("learning_rate", "0"))))
                .hasMessageContaining("learning_rate=0 must be above 0");
    }
}
