package io.mlcycle.router.rest;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A serving pod stand-in: answers every request with its own name (and {@link #outputs}, when set, as an OIP answer's)
 * and keeps what it received.
 */
final class HttpBackend implements AutoCloseable {

    /** One request as the backend saw it. */
    record Received(String method, String uri, MultiMap headers, String body) {
    }

    final String name;
    final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    /** The OIP {@code outputs} array its answers carry, as JSON; none when null. */
    volatile String outputs;
    /** The HTTP status it answers with. */
    volatile int status = 200;
    private final HttpServer server;

    HttpBackend(Vertx vertx, String name) throws Exception {
        this.name = name;
        this.server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            received.add(new Received(request.method().name(), request.uri(),
                    HttpHeaders.headers().addAll(request.headers()), body.toString()));
            JsonObject answer = new JsonObject().put("revision", name).put("echo", body.toString());
            if (outputs != null) {
                answer.put("outputs", new JsonArray(outputs));
            }
            request.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(answer.encode());
        })).listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    int port() {
        return server.actualPort();
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
