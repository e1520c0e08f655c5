/**
 * What an InferenceService serves: the choice of one ModelVersion among a model's versions (pinned or {@code track:
 * latest}), as a pure function over values the reconciler read, with the reason when none can be served.
 */
package io.mlcycle.operator.resolve;
