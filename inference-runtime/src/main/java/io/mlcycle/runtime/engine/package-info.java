/**
 * Model engines behind one interface, {@code LoadedModel}: DJL's XGBoost, ONNX Runtime and PyTorch engines, run
 * offline (natives come from jars on the class path, nothing is downloaded).
 *
 * <p>The engine is chosen by an explicit setting first, then by the {@code mlcycle-model.json} manifest's format,
 * then by the files of the artifact ({@code .onnx}, {@code .pt}, {@code model.json}). The signature comes from the
 * manifest or, where the format carries it, from the model itself.
 */
package io.mlcycle.runtime.engine;
