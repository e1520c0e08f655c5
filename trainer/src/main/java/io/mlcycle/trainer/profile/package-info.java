/**
 * The reference profile: the training rows' distribution per feature, in ModelVersion.spec.referenceProfile's schema,
 * the baseline the DriftMonitor compares live traffic with. Numeric features get bins at the training data's deciles,
 * counted with the runtime's own {@link io.mlcycle.runtime.drift.BinEdges} so live counts land in the same bins;
 * categorical ones get counts by code, keyed as the runtime records them.
 */
package io.mlcycle.trainer.profile;
