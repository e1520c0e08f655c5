/**
 * OIP REST forwarding on Vert.x's reverse proxy ({@code io.vertx:vertx-http-proxy}): an interceptor routes each
 * request, answers refusals and backend failures with an OIP error body, tags the answer with the revision, and
 * hands mirrored copies to a client of their own.
 */
package io.mlcycle.router.rest;
