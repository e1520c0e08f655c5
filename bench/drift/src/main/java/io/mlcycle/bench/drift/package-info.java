/**
 * mlcycle's drift path as production runs it, on tables that Evidently also judges: the trainer's reference profile,
 * the runtime's window profiles (one per simulated pod), the operator's merge and DataDriftPreset-style evaluation.
 * The Evidently interop test and {@code make bench-drift} both run tables through {@link io.mlcycle.bench.drift.DriftPath}.
 */
package io.mlcycle.bench.drift;
