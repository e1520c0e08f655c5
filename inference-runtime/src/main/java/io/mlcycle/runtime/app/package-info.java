/**
 * The Quarkus application: typed configuration ({@code mlcycle.runtime.*}), the CDI beans that wire the plain
 * classes of the other packages together, and the start-up that fetches, verifies, loads and warms up the
 * configured model in the background while the server already answers liveness probes.
 */
package io.mlcycle.runtime.app;
