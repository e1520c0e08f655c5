package io.mlcycle.router.rest;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A serving pod stand-in: answers every request with its own name and keeps what it received. */
final class HttpBackend implements AutoCloseable {

    /** One request as the backend saw it. */
    record Received(String method, String uri, MultiMap headers, String body) {
    }

    final String name;
    final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final HttpServer server;

    HttpBackend(Vertx vertx, String name) throws Exception {
        this.name = name;
        this.server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            received.add(new Received(request.method().name(), request.uri(),
                    HttpHeaders.headers().addAll(request.headers()), body.toString()));
            request.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(new JsonObject().put("revision", name).put("echo", body.toString()).encode());
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
