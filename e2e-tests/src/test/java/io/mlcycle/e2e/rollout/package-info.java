/** Canary rollouts on the local cluster: steps, mirror, analysis, promotion, rollback and manual actions, under load. */
package io.mlcycle.e2e.rollout;
