/**
 * Model engines behind one interface, {@code LoadedModel}: XGBoost through xgboost4j ({@code XgboostModel}), ONNX
 * Runtime and PyTorch through DJL, all offline (natives come from jars on the class path, nothing is downloaded);
 * and the manifest beside a model, with its golden examples ({@code GoldenExamples}) that a model must answer as
 * their writer did before it is served.
 *
 * <p>The engine is chosen by an explicit setting first, then by the {@code mlcycle-model.json} manifest's format,
 * then by the files of the artifact ({@code .onnx}, {@code .pt}, {@code model.json}, {@code .ubj}). The signature
 * comes from the manifest or, where the format carries it, from the model itself.
 */
package io.mlcycle.runtime.engine;
