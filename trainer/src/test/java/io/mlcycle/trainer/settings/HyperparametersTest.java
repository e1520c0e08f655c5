package io.mlcycle.trainer.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** MLCYCLE_HYPERPARAMETERS and its typed getters. */
class HyperparametersTest {

    @Test
    void stringsAndPlainNumbersAreTakenAsText() {
        Hyperparameters hp = Hyperparameters.parse("{\"max_depth\": \"4\", \"eta\": 0.3, \"hidden\": \"16, 8\"}");

        assertThat(hp.asMap()).containsExactly(Map.entry("eta", "0.3"), Map.entry("hidden", "16, 8"),
                Map.entry("max_depth", "4"));
        assertThat(hp.integer("max_depth", 6, 0, 64)).isEqualTo(4);
        assertThat(hp.number("eta", 0.1, 0, 1)).isEqualTo(0.3);
        assertThat(hp.integers("hidden", List.of(1), 100)).containsExactly(16, 8);
        assertThat(hp.integer("rounds", 100, 1, 1000)).isEqualTo(100);
        assertThat(hp.unknownKeys(Set.of("eta"))).containsExactly("hidden", "max_depth");
    }

    @Test
    void blankIsNone() {
        assertThat(Hyperparameters.parse(" ").asMap()).isEmpty();
        assertThat(Hyperparameters.parse(null).asMap()).isEmpty();
    }

    @Test
    void anythingButAnObjectOfValuesIsRefused() {
        assertThatThrownBy(() -> Hyperparameters.parse("{\"a\": ")).hasMessageStartingWith(
                "MLCYCLE_HYPERPARAMETERS is not valid JSON");
        assertThatThrownBy(() -> Hyperparameters.parse("[1]")).hasMessageStartingWith(
                "MLCYCLE_HYPERPARAMETERS must be a JSON object");
        assertThatThrownBy(() -> Hyperparameters.parse("{\"a\": {\"b\": 1}}")).hasMessage(
                "hyperparameter 'a' must be a string, got {\"b\":1}");
    }

    @Test
    void valuesOutOfRangeAreNamed() {
        Hyperparameters hp = Hyperparameters.parse("{\"validation_fraction\": \"1.5\", \"epochs\": \"x\"}");

        assertThatThrownBy(() -> hp.number("validation_fraction", 0.2, 0, 1))
                .hasMessage("hyperparameter validation_fraction=1.5 must be above 0.0 and below 1.0");
        assertThatThrownBy(() -> hp.integer("epochs", 20, 1, 10)).hasMessage(
                "hyperparameter epochs=x is not an integer");
    }
}
