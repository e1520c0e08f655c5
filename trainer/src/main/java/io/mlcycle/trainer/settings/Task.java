package io.mlcycle.trainer.settings;

import io.mlcycle.trainer.ExitCode;
import io.mlcycle.trainer.TrainerFailure;
import java.util.Locale;

/** Predict a class (the target's distinct values) or a number. */
public enum Task {
    CLASSIFICATION,
    REGRESSION;

    public static Task parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TrainerFailure(ExitCode.INVALID_SETTINGS, "MLCYCLE_TASK '" + text
                    + "' is not one of classification, regression");
        }
    }

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
