package com.bkbcs.storage.adapters.http;

import com.bkbcs.storage.adapters.http.ops.OpenApiDocument;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document lints cleanly in the build, in both forms the server serves (with and
 * without a bearer token), and the lint finds each kind of problem {@code redocly lint} found in
 * earlier versions of the document. The served forms are written to {@code target/openapi/} for
 * other tools ({@code npx @redocly/cli lint target/openapi/with-token.json}).
 */
class OpenApiLintTest {

    @ParameterizedTest(name = "token: {0}")
    @ValueSource(booleans = {true, false})
    void theServedDocumentLintsCleanly(boolean token) throws IOException {
        JsonNode document = OpenApiDocument.load(token);
        Path out = Path.of("target", "openapi", (token ? "with" : "without") + "-token.json");
        Files.createDirectories(out.getParent());
        Files.write(out, OpenApiDocument.json(token));
        assertThat(OpenApiLint.problems(document)).isEmpty();
    }

    @Test
    void theLintFindsWhatRedoclyFound() {
        ObjectNode document = (ObjectNode) OpenApiDocument.load(true);
        ObjectNode schemas = (ObjectNode) document.path("components").path("schemas");
        // nullable without type, as the old DataBody had
        ((ObjectNode) schemas.path("DataBody").path("properties")).putObject("data").put("nullable", true);
        // an example that contradicts its schema: eventTime was declared an integer and returned a string
        ((ObjectNode) schemas.path("Event")).putObject("example").put("eventTime", 1521021698);
        // a component nobody uses
        schemas.putObject("Orphan").put("type", "string");
        // an operation with no 4xx, and one whose operationId another one has
        ObjectNode healthz = (ObjectNode) document.at("/paths/~1healthz/get");
        ObjectNode responses = (ObjectNode) healthz.path("responses");
        responses.remove("414");
        healthz.put("operationId", "readyz");
        // an operation without security while the document names none
        ObjectNode open = (ObjectNode) OpenApiDocument.load(false);
        open.remove("security");
        assertThat(OpenApiLint.problems(open)).contains("GET /events: no security requirement, on it or on the document");
        // a structural error: a response without its description
        ((ObjectNode) document.at("/components/responses/Written")).remove("description");

        List<String> problems = OpenApiLint.problems(document);
        assertThat(problems).anyMatch(p -> p.contains("DataBody/properties/data: nullable without type"))
                .anyMatch(p -> p.startsWith("#/components/schemas/Event/example") && p.contains("eventTime"))
                .contains("#/components/schemas/Orphan is never used")
                .contains("GET /healthz: no 4xx response")
                .anyMatch(p -> p.contains("operationId readyz is also"))
                .anyMatch(p -> p.startsWith("swagger-parser: ") && p.contains("description"));
    }
}
