package io.mlcycle.router.routing;

/** Where one copy of a request goes: a revision and one of its endpoints. */
public record Target(String revision, Endpoint endpoint) {
}
