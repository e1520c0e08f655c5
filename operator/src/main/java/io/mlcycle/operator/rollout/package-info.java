/**
 * How traffic moves from the stable version to a new one, as pure functions of the InferenceService's status and what
 * was observed: for now the switch-over (new revision Ready, then all traffic, then the old one drained and removed);
 * the canary state machine with steps and analysis grows here.
 */
package io.mlcycle.operator.rollout;
