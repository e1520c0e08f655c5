package io.mlcycle.trainer.train;

import io.mlcycle.runtime.engine.BuiltinMlp;
import io.mlcycle.runtime.engine.GoldenExamples;
import io.mlcycle.runtime.tensor.ModelSignature;
import io.mlcycle.trainer.metrics.ModelOutputs;
import java.util.Optional;

/**
 * A trained model as the artifact carries it and as the runtime will serve it.
 *
 * @param format the manifest's and ModelVersion's format: {@code xgboost} or {@code pytorch}
 * @param modelFile the model file's name in the archive ({@code model.json}, {@code mlp-0000.params})
 * @param architecture the MLP's shape (the manifest's {@code architecture}); empty for XGBoost
 * @param validationOutputs what the model answers for each validation row, as the served model answers
 * @param tolerance how close the runtime must come to these answers in the golden examples
 */
public record TrainedModel(String format, String modelFile, byte[] modelBytes, ModelSignature signature,
        Optional<BuiltinMlp> architecture, ModelOutputs validationOutputs, GoldenExamples.Tolerance tolerance) {
}
