/** The mlcycle CRDs on a real API server: installation, validation, status subresource, printer columns, explain. */
package io.mlcycle.e2e.api;
