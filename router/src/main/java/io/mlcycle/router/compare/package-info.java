/**
 * Comparing the stable and the mirror revision's answers to the same request, prediction by prediction: the figure
 * of a rollout's mirror phase that only a router, which sees both answers, can give.
 */
package io.mlcycle.router.compare;
