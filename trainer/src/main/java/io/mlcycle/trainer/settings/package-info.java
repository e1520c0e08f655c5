/**
 * The trainer's input contract: the {@code MLCYCLE_*} environment variables the operator sets on the training pod,
 * read and checked before anything is fetched.
 */
package io.mlcycle.trainer.settings;
