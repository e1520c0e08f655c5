/**
 * Drift profiles of live traffic: per input feature and per prediction, a mergeable sketch of the values seen since
 * the last read (KLL quantile sketches and reference-bin counts for numbers, bounded frequency counts for
 * categories), recorded once per engine call on striped state, read and reset atomically by the operator.
 */
package io.mlcycle.runtime.drift;
