package io.mlcycle.runtime.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * OIP JSON over HTTP/1.1 keep-alive with Vert.x's client on one event loop (the JDK client costs several times more
 * CPU per request, which on a small machine is taken from the server under test). Works against this runtime,
 * MLServer and KServe alike.
 */
final class RestTarget implements Target {

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    private final HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
            new PoolOptions().setHttp1MaxSize(Integer.getInteger("bench.connections", 32)));
    private final RequestOptions options;
    private final Buffer body;

    /** POSTs one OIP infer request of {@code row} to {@code url}. */
    RestTarget(String url, float[] row) {
        StringBuilder data = new StringBuilder();
        for (float value : row) {
            data.append(data.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.4f", value));
        }
        body = Buffer.buffer("{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[1," + row.length
                + "],\"data\":[" + data + "]}]}");
        URI uri = URI.create(url);
        options = new RequestOptions().setMethod(HttpMethod.POST).setHost(uri.getHost()).setPort(uri.getPort())
                .setURI(uri.getRawPath()).putHeader("Content-Type", "application/json");
    }

    /** GETs {@code url} (e.g. /v2/health/live): the transport's own cost, with no model work behind it. */
    RestTarget(String url) {
        body = null;
        URI uri = URI.create(url);
        options = new RequestOptions().setMethod(HttpMethod.GET).setHost(uri.getHost()).setPort(uri.getPort())
                .setURI(uri.getRawPath());
    }

    @Override
    public CompletableFuture<Void> send() {
        return client.request(options)
                .compose(request -> body == null ? request.send() : request.send(body))
                .compose(response -> response.body().map(bytes -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("HTTP " + response.statusCode() + ": " + bytes);
                    }
                    return (Void) null;
                }))
                .toCompletionStage().toCompletableFuture();
    }

    @Override
    public void close() {
        client.close();
        vertx.close();
    }
}
