package io.mlcycle.runtime.protocol.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document the server serves at {@code /openapi.yaml} lists exactly the routes the server registered
 * (method and path), each with its responses, so it cannot drift from them.
 */
@QuarkusTest
@WithTestResource(TrainedXgboostModel.class)
class OpenApiDocumentTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TestHTTPResource("/")
    URI base;

    @Inject
    OipRoutes routes;

    @Test
    void theServedDocumentListsExactlyTheRegisteredRoutes() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                base.resolve("/openapi.yaml")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/yaml");
        JsonNode document = YAML.readTree(response.body());
        assertThat(document.get("openapi").asText()).startsWith("3.");

        List<String> documented = new ArrayList<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (!op.getKey().equals("parameters")) {
                documented.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
                assertThat(op.getValue().get("responses")).as(op.getKey() + " " + path.getKey() + " responses")
                        .isNotNull();
                assertThat(op.getValue().get("operationId")).as(path.getKey() + " operationId").isNotNull();
            }
        }));
        List<String> registered = routes.registeredRoutes().stream()
                .map(route -> route.replaceAll(":([a-z]+)", "{$1}")).toList();
        assertThat(registered).as("routes the server registered").hasSizeGreaterThanOrEqualTo(14);
        assertThat(documented).containsExactlyInAnyOrderElementsOf(registered);
    }
}
