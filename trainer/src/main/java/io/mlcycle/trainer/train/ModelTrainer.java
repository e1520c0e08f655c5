package io.mlcycle.trainer.train;

import io.mlcycle.trainer.data.EncodedDataset;

/** One algorithm: fits training rows, watching the validation rows, and answers the validation rows. */
public interface ModelTrainer {

    /**
     * The rows as this model takes them, for training and for the golden examples; by default as encoded (NaN
     * missing, which XGBoost handles).
     */
    default EncodedDataset inputsFor(EncodedDataset rows) {
        return rows;
    }

    /**
     * Trains on {@code training} (already through {@link #inputsFor}), reporting progress; failures are
     * {@link io.mlcycle.trainer.TrainerFailure}s with exit code 6.
     */
    TrainedModel train(EncodedDataset training, EncodedDataset validation, ProgressReporter progress);
}
