package io.mlcycle.router.rest;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;

/** The router's own answers, in OIP's error shape {@code {"error": "..."}}. */
final class ErrorResponses {

    private ErrorResponses() {
    }

    /** An answer of {@code status} to a request that is not forwarded (its body is drained, not sent anywhere). */
    static ProxyResponse error(ProxyRequest request, int status, String message) {
        Buffer body = new JsonObject().put("error", message).toBuffer();
        return request.release().response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(body.length()))
                .setBody(Body.body(body));
    }
}
