/**
 * Drift statistics, pure: one column's reference and current distributions (exact values, or a KLL sketch's weighted
 * view of them; category counts) in, Evidently's tests out (KS, normed Wasserstein, PSI, Jensen-Shannon, chi-square,
 * Z), with Evidently's choice of test for a column and its thresholds. No client, no I/O.
 */
package io.mlcycle.operator.drift;
