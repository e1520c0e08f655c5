package io.mlcycle.trainer.settings;

import io.mlcycle.trainer.ExitCode;
import io.mlcycle.trainer.TrainerFailure;
import java.util.Locale;

/** What the built-in trainer fits: gradient-boosted trees, a linear booster, or the built-in MLP. */
public enum Algorithm {
    /** Gradient-boosted trees (XGBoost {@code gbtree}). */
    XGBOOST,
    /**
     * A linear model (logistic or softmax regression, least squares): the built-in MLP with no hidden layer, trained
     * and served as the MLP is. Not XGBoost's {@code gblinear}, which the runtime's in-place prediction cannot serve.
     */
    LINEAR,
    /** DJL's multilayer perceptron on the PyTorch engine, served as the runtime's built-in MLP. */
    MLP;

    public static Algorithm parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TrainerFailure(ExitCode.INVALID_SETTINGS, "MLCYCLE_ALGORITHM '" + text
                    + "' is not one of xgboost, mlp, linear");
        }
    }

    /** The name as the TrainingJob spells it. */
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
