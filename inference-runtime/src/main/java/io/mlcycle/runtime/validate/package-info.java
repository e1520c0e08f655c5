/**
 * Validate mode: the runtime image run once as a Kubernetes Job to check a ModelVersion — fetch the artifact,
 * verify its digest, load it, run the signature once — and exit with a code and a one-line termination message.
 */
package io.mlcycle.runtime.validate;
