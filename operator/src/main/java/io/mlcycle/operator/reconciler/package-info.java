/**
 * The reconcilers, one thin class per kind (validate, resolve, apply the {@code desired} objects, write the
 * {@code status} derived from what was observed), and the few client calls they share: registering a version,
 * reading a trainer's log, recording events.
 */
package io.mlcycle.operator.reconciler;
