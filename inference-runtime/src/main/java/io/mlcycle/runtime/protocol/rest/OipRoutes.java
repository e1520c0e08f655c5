package io.mlcycle.runtime.protocol.rest;

import io.mlcycle.runtime.InferenceException;
import io.mlcycle.runtime.batching.OverloadedException;
import io.mlcycle.runtime.metrics.ModelLabels;
import io.mlcycle.runtime.metrics.Outcome;
import io.mlcycle.runtime.metrics.RuntimeMetrics;
import io.mlcycle.runtime.serving.InferenceResponse;
import io.mlcycle.runtime.protocol.oip.OipJsonCodec;
import io.mlcycle.runtime.serving.ModelServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * The OIP REST endpoints: health, server and model metadata, readiness and inference. Every error answers
 * {@code {"error": "..."}}; client mistakes are never 500.
 */
@Singleton
public class OipRoutes {

    private static final Logger LOG = Logger.getLogger(OipRoutes.class);
    private static final String JSON = "application/json";
    private static final String BINARY = "application/octet-stream";
    /** The binary tensor data extension's header: how many bytes of the body are JSON; binary tensor data follows. */
    private static final String INFERENCE_HEADER_LENGTH = "Inference-Header-Content-Length";
    /** Routing-context keys of an inference request: when it arrived, and the model and version it names. */
    private static final String STARTED = "mlcycle.started";
    private static final String MODEL = "mlcycle.model";
    private static final String VERSION = "mlcycle.version";
    /** Counted for a request whose client closed the connection before its answer (nginx's code for it). */
    private static final int CLIENT_CLOSED_REQUEST = 499;
    /** Bodies up to this size (a few hundred rows of JSON, well under a millisecond to parse) skip the worker hop. */
    private static final int DECODE_ON_EVENT_LOOP_BYTES = 64 * 1024;

    /** The OpenAPI document of these routes, served as is; OpenApiDocumentTest keeps it equal to them. */
    static final String OPENAPI_RESOURCE = "/openapi/oip-rest.yaml";

    private final ModelServer server;
    private final OipJsonCodec codec;
    private final RuntimeMetrics metrics;
    private final long maxRequestBytes;
    private final byte[] openApi;
    private volatile List<String> registered = List.of();

    OipRoutes(ModelServer server, OipJsonCodec codec, RuntimeMetrics metrics, RestSettings settings) {
        this.server = server;
        this.codec = codec;
        this.metrics = metrics;
        this.maxRequestBytes = settings.maxRequestBytes();
        this.openApi = openApiDocument();
    }

    private static byte[] openApiDocument() {
        try (InputStream in = OipRoutes.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(OPENAPI_RESOURCE + " is missing from the runtime's class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void register(@Observes Router router) {
        router.get("/v2/health/live").handler(ctx -> health(ctx, "live", server.isLive()));
        router.get("/v2/health/ready").handler(ctx -> health(ctx, "ready", server.isReady()));
        router.get("/v2").handler(ctx -> send(ctx, 200, codec.writeServerMetadata(server.metadata())));
        router.get("/v2/models/:model").handler(ctx -> metadata(ctx, Optional.empty()));
        router.get("/v2/models/:model/versions/:version").handler(ctx -> metadata(ctx, version(ctx)));
        router.get("/v2/models/:model/ready").handler(ctx -> modelReady(ctx, Optional.empty()));
        router.get("/v2/models/:model/versions/:version/ready").handler(ctx -> modelReady(ctx, version(ctx)));
        router.get("/v2/models/:model/profile").blockingHandler(ctx -> profile(ctx, Optional.empty(), false), false);
        router.get("/v2/models/:model/versions/:version/profile")
                .blockingHandler(ctx -> profile(ctx, version(ctx), false), false);
        router.get("/v2/models/:model/profile/reference").blockingHandler(ctx -> reference(ctx, Optional.empty()),
                false);
        router.get("/v2/models/:model/versions/:version/profile/reference")
                .blockingHandler(ctx -> reference(ctx, version(ctx)), false);
        router.post("/v2/models/:model/profile/reset").blockingHandler(ctx -> profile(ctx, Optional.empty(), true),
                false);
        router.post("/v2/models/:model/versions/:version/profile/reset")
                .blockingHandler(ctx -> profile(ctx, version(ctx), true), false);
        BodyHandler body = BodyHandler.create(false).setBodyLimit(maxRequestBytes);
        // Routes of their own: Vert.x wants a body handler first on its route, and the clock starts before the body.
        router.post("/v2/models/:model/infer").handler(this::started);
        router.post("/v2/models/:model/versions/:version/infer").handler(this::started);
        router.post("/v2/models/:model/infer").handler(body).handler(ctx -> infer(ctx, Optional.empty()));
        router.post("/v2/models/:model/versions/:version/infer").handler(body).handler(ctx -> infer(ctx, version(ctx)));
        router.get("/openapi.yaml").handler(ctx -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/yaml")
                .end(Buffer.buffer(openApi)));
        registered = router.getRoutes().stream().filter(route -> route.getPath() != null && route.methods() != null)
                .filter(route -> route.getPath().startsWith("/v2") || route.getPath().equals("/openapi.yaml"))
                .flatMap(route -> route.methods().stream().map(method -> method.name() + " " + route.getPath()))
                .distinct().sorted().toList();
        router.route("/v2/*").handler(ctx -> error(ctx, 404, "no such endpoint: " + ctx.request().method() + " "
                + ctx.request().path()));
        router.route("/v2/*").failureHandler(this::failure);
        router.route("/v2").failureHandler(this::failure);
    }

    /** Every method and path registered here ("POST /v2/models/:model/infer"), but the catch-all 404s. */
    public List<String> registeredRoutes() {
        return registered;
    }

    private void health(RoutingContext ctx, String field, boolean value) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(field, value);
        if (!value) {
            server.failure().ifPresent(reason -> body.put("reason", reason));
        }
        send(ctx, value ? 200 : 503, codec.writeFields(body));
    }

    private void metadata(RoutingContext ctx, Optional<String> version) {
        send(ctx, 200, codec.writeModelMetadata(server.modelMetadata(ctx.pathParam("model"), version)));
    }

    private void modelReady(RoutingContext ctx, Optional<String> version) {
        String name = server.model(ctx.pathParam("model"), version).name();
        send(ctx, 200, codec.writeFields(Map.of("name", name, "ready", true)));
    }

    /** The model's reference profile, whole (up to 1001 quantiles per feature: written on a worker). */
    private void reference(RoutingContext ctx, Optional<String> version) {
        send(ctx, 200, codec.writeValue(server.referenceProfile(ctx.pathParam("model"), version)));
    }

    /** The model's drift profile; {@code reset} ends its window (POST only: reading then changes state). */
    private void profile(RoutingContext ctx, Optional<String> version, boolean reset) {
        send(ctx, 200, codec.writeValue(server.profile(ctx.pathParam("model"), version, reset)));
    }

    /**
     * Runs on the event loop the request arrived on. A small body is decoded and submitted right here: the model
     * runs on its own engine threads (see {@code ScheduledModel}) and the answer is written when it is done, so no
     * thread waits for it and the request makes one thread hop, not two. A larger body is decoded on a worker, so
     * that parsing it does not hold up the other connections of this event loop.
     */
    private void infer(RoutingContext ctx, Optional<String> version) {
        Buffer body = ctx.body().buffer();
        if (body != null && body.length() > DECODE_ON_EVENT_LOOP_BYTES) {
            ctx.vertx().executeBlocking(() -> {
                submit(ctx, version, body);
                return null;
            }, false).onFailure(ctx::fail);
        } else {
            submit(ctx, version, body);
        }
    }

    private void submit(RoutingContext ctx, Optional<String> version, Buffer body) {
        if (body == null || body.length() == 0) {
            throw InferenceException.badRequest("request body is empty; send an OIP inference request as JSON");
        }
        byte[] bytes = body.getBytes();
        OipJsonCodec.DecodedRequest decoded = codec.readRequest(bytes, jsonHeaderLength(ctx, bytes.length));
        CompletableFuture<InferenceResponse> answer = server.inferAsync(ctx.pathParam("model"), version,
                decoded.request());
        // The client closed the connection before its answer (Vert.x ends the context with a failure then): a request
        // still queued is dropped, not run. Not response().closeHandler: the routing context's end handlers use it.
        ctx.addEndHandler(ended -> {
            if (ended.failed()) {
                answer.cancel(false);
            }
        });
        answer.whenComplete((response, error) -> {
            if (answer.isCancelled()) {
                count(ctx, CLIENT_CLOSED_REQUEST);
                return;
            }
            if (error != null) {
                answer(ctx, InferenceException.unwrap(error));
                return;
            }
            OipJsonCodec.EncodedResponse encoded;
            try {
                encoded = codec.writeResponse(response, decoded.binaryOutputs());
            } catch (RuntimeException e) {
                answer(ctx, e);
                return;
            }
            if (encoded.hasBinaryData() && !ctx.response().ended()) {
                ctx.response().putHeader(INFERENCE_HEADER_LENGTH, String.valueOf(encoded.jsonHeaderLength()));
                send(ctx, 200, BINARY, encoded.body());
            } else {
                send(ctx, 200, JSON, encoded.body());
            }
        });
    }

    /** The JSON part's length: all of the body, unless the binary data extension's header says less. */
    private static int jsonHeaderLength(RoutingContext ctx, int bodyLength) {
        String header = ctx.request().getHeader(INFERENCE_HEADER_LENGTH);
        if (header == null) {
            return bodyLength;
        }
        try {
            return Integer.parseInt(header.strip());
        } catch (NumberFormatException e) {
            throw InferenceException.badRequest(INFERENCE_HEADER_LENGTH + " must be the JSON header's length in "
                    + "bytes, got '" + header + "'");
        }
    }

    private void failure(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof InferenceException) {
            answer(ctx, failure);
        } else if (ctx.statusCode() == 413) {
            error(ctx, 413, "request body is larger than " + maxRequestBytes + " bytes");
        } else if (failure == null && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
            error(ctx, ctx.statusCode(), "request refused (HTTP " + ctx.statusCode() + ")");
        } else {
            answer(ctx, failure);
        }
    }

    /** Answers a failure with OIP's error body: its kind's status for an {@link InferenceException}, else 500. */
    private void answer(RoutingContext ctx, Throwable failure) {
        if (failure instanceof InferenceException e) {
            if (e.kind() == InferenceException.Kind.INTERNAL) {
                LOG.errorf(e, "%s %s failed", ctx.request().method(), ctx.request().path());
            }
            if (e instanceof OverloadedException overloaded && !ctx.response().ended()) {
                ctx.response().putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(overloaded.retryAfterSeconds()));
            }
            error(ctx, ErrorStatus.of(e.kind()), e.getMessage());
        } else {
            LOG.errorf(failure, "%s %s failed", ctx.request().method(), ctx.request().path());
            error(ctx, 500, "internal error: " + (failure == null ? "unknown" : failure.getMessage()));
        }
    }

    /**
     * Notes when an inference request arrived (before its body is read) and what it names, so that its answer can
     * be counted from any handler, the failure handler of the {@code /v2/*} route included.
     */
    private void started(RoutingContext ctx) {
        ctx.put(STARTED, System.nanoTime());
        metrics.inferenceStarted();
        // Once per request, however it ends: answered, failed, or the client gone.
        ctx.addEndHandler(ended -> metrics.inferenceEnded());
        ctx.put(MODEL, ctx.pathParam("model"));
        ctx.put(VERSION, ctx.pathParam("version"));
        ctx.next();
    }

    private static Optional<String> version(RoutingContext ctx) {
        return Optional.of(ctx.pathParam("version"));
    }

    private void error(RoutingContext ctx, int status, String message) {
        send(ctx, status, codec.writeError(message));
    }

    /** Sends a JSON answer; for an inference request, also counts it and records its latency. */
    private void send(RoutingContext ctx, int status, byte[] body) {
        send(ctx, status, JSON, body);
    }

    private void send(RoutingContext ctx, int status, String contentType, byte[] body) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, contentType).end(Buffer.buffer(body));
        count(ctx, status);
    }

    /** Counts an inference request's answer (nothing for other requests) and records its latency. */
    private void count(RoutingContext ctx, int status) {
        Long started = ctx.get(STARTED);
        if (started != null) {
            ModelLabels labels = ModelLabels.of(server, ctx.get(MODEL), Optional.ofNullable(ctx.get(VERSION)));
            metrics.request("rest", labels, String.valueOf(status), Outcome.ofHttp(status), System.nanoTime() - started);
        }
    }
}
