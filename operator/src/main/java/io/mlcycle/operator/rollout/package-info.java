/**
 * How traffic moves from the stable version to a new one, as pure functions of the InferenceService's status and what
 * was observed: the canary state machine ({@link io.mlcycle.operator.rollout.CanaryRollout}: mirror, steps, promotion,
 * rollback, manual actions), the analysis that judges a canary ({@link io.mlcycle.operator.rollout.Analysis}) and the
 * figures it judges (serving counters, prediction profiles).
 */
package io.mlcycle.operator.rollout;
