package io.mlcycle.router.rest;

import io.mlcycle.router.compare.MirrorComparison;
import io.mlcycle.router.compare.OipAnswer;
import io.mlcycle.router.compare.PredictionAgreement;
import io.mlcycle.router.metrics.RouterMetrics;
import io.mlcycle.router.routing.Protocol;
import io.mlcycle.router.routing.Route;
import io.mlcycle.router.routing.Route.Forward;
import io.mlcycle.router.routing.Route.Reason;
import io.mlcycle.router.routing.Route.Refusal;
import io.mlcycle.router.routing.Target;
import io.mlcycle.router.routing.TrafficRouter;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.streams.ReadStream;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyRequest;
import java.util.Optional;

/**
 * Routes each proxied request: refusals get 404 / 503 with an OIP error body without reaching a backend, a
 * backend that cannot be reached gets 502, every answer carries {@code x-mlcycle-revision}, and a mirrored
 * request is buffered once so its copy can be sent beside the streamed original; the original's answer is then
 * buffered too, to be compared with the copy's ({@link PredictionAgreement}).
 *
 * <p>Why an interceptor: the reverse proxy's own failure answer is a bare 502 with no body, and its origin
 * selector cannot refuse a request with a status of its own; {@code handleProxyRequest} can do both.
 */
final class RoutingInterceptor implements ProxyInterceptor {

    static final String TARGET = "mlcycle.target";
    private static final String START = "mlcycle.start";
    static final String REVISION = "mlcycle.revision";
    private static final String MIRROR_ANSWER = "mlcycle.mirror.answer";
    private static final String MIRROR_REVISION = "mlcycle.mirror.revision";

    private final TrafficRouter router;
    private final RouterMetrics metrics;
    private final RestMirror mirror;
    private final MirrorComparison comparison;

    RoutingInterceptor(TrafficRouter router, RouterMetrics metrics, RestMirror mirror) {
        this.router = router;
        this.metrics = metrics;
        this.mirror = mirror;
        this.comparison = new MirrorComparison(metrics);
    }

    @Override
    public Future<io.vertx.httpproxy.ProxyResponse> handleProxyRequest(ProxyContext context) {
        context.set(START, System.nanoTime());
        ProxyRequest request = context.request();
        Route route = router.route(Protocol.REST, request.headers().get(Headers.REVISION));
        if (route instanceof Refusal refusal) {
            context.set(REVISION, RouterMetrics.NO_REVISION);
            int status = refusal.reason() == Reason.NO_SUCH_REVISION ? 404 : 503;
            return Future.succeededFuture(ErrorResponses.error(request, status, refusal.message()));
        }
        Forward forward = (Forward) route;
        context.set(TARGET, forward.target());
        context.set(REVISION, forward.target().revision());
        if (forward.mirror().isEmpty()) {
            return forwardTo(context);
        }
        // The copy needs the whole body: read it once, then send it to both (the original as a buffer too).
        HttpServerRequest incoming = request.proxiedRequest();
        MultiMap headers = RestMirror.copyOf(request.headers());
        Future<Buffer> body = incoming.body();
        incoming.resume();
        return body.compose(buffer -> {
            request.setBody(Body.body(buffer));
            Future<Optional<Buffer>> copy = mirror.send(forward.mirror().get(), request.getMethod(),
                    request.getURI(), headers, buffer);
            if (request.getMethod() == HttpMethod.POST && incoming.path().endsWith("/infer")) {
                // Only inference answers are compared (and so buffered): metadata and health stream as always.
                context.set(MIRROR_ANSWER, copy);
                context.set(MIRROR_REVISION, forward.mirror().get().revision());
            }
            return forwardTo(context);
        });
    }

    private static Future<io.vertx.httpproxy.ProxyResponse> forwardTo(ProxyContext context) {
        // The target read back: the origin may have moved the request to another endpoint when this one refused it.
        return context.sendRequest().recover(failure -> {
            Target tried = context.get(TARGET, Target.class);
            return Future.succeededFuture(ErrorResponses.error(context.request(), 502, "revision '" + tried.revision()
                    + "' at " + tried.endpoint().authority(Protocol.REST) + " did not answer: " + failure.getMessage()));
        });
    }

    @Override
    public Future<Void> handleProxyResponse(ProxyContext context) {
        Target target = context.get(TARGET, Target.class);
        if (target != null) {
            context.response().putHeader(Headers.REVISION, target.revision());
        }
        @SuppressWarnings("unchecked")
        Future<Optional<Buffer>> copy = context.get(MIRROR_ANSWER, Future.class);
        if (copy == null || context.response().getStatusCode() != 200) {
            return send(context);
        }
        return collect(context.response().getBody()).compose(answer -> {
            context.response().setBody(Body.body(answer));
            String revision = context.get(MIRROR_REVISION, String.class);
            // Compared once the client has its answer: the comparison never delays it. A copy that got no answer
            // (failed future) is not compared; one answered with an error status differs in every prediction.
            return send(context).onComplete(sent -> copy.onSuccess(mirrored -> comparison.record(revision,
                    OipAnswer.fromJson(answer.getBytes()), mirrored.flatMap(b -> OipAnswer.fromJson(b.getBytes())))));
        });
    }

    private Future<Void> send(ProxyContext context) {
        String code = String.valueOf(context.response().getStatusCode());
        String revision = context.get(REVISION, String.class);
        long start = context.get(START, Long.class);
        return context.sendResponse().onComplete(sent ->
                metrics.request(revision, Protocol.REST.label(), code, System.nanoTime() - start));
    }

    /** The whole of a (paused) answer body; OIP answers are small, and only mirrored requests' are read this way. */
    private static Future<Buffer> collect(Body body) {
        Promise<Buffer> whole = Promise.promise();
        Buffer all = Buffer.buffer();
        ReadStream<Buffer> stream = body.stream();
        stream.exceptionHandler(whole::tryFail).endHandler(end -> whole.tryComplete(all)).handler(all::appendBuffer);
        stream.resume();
        return whole.future();
    }
}
