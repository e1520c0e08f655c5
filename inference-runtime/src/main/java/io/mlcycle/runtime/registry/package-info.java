/**
 * The models this process serves, keyed by name and version. A model enters the registry only once it is
 * loaded and has answered a warm-up inference, so "registered" means "ready".
 */
package io.mlcycle.runtime.registry;
