/**
 * Typed tensors as the Open Inference Protocol defines them: datatypes, shapes, flat row-major data held in
 * primitive arrays, and model signatures. Pure values with no engine or transport behind them.
 */
package io.mlcycle.runtime.tensor;
