/**
 * Serving on the local cluster: InferenceServices reconciled by the operator in the cluster serve trained
 * ModelVersions behind the router, switch versions without a failed request, and say in status why they cannot serve.
 */
package io.mlcycle.e2e.serving;
