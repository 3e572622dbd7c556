package com.bkbcs.storage.adapters.http;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lints an OpenAPI 3.0 document on the JVM, so the build catches what {@code redocly lint}'s
 * recommended rules would: swagger-parser reads it without a message (structure, types, required
 * fields, references), swagger-request-validator loads it, and these rules hold:
 * <ul>
 *   <li>{@code nullable} only next to a {@code type} (nullable-type-sibling);</li>
 *   <li>every operation has a unique {@code operationId}, a summary, a security requirement (its
 *       own or the document's), a 2xx and a 4xx response (operation-operationId-unique,
 *       operation-summary, security-defined, operation-2xx-response, operation-4xx-response);</li>
 *   <li>every component is used (no-unused-components);</li>
 *   <li>every example, of a media type, a parameter or a schema, is valid against its schema
 *       (no-invalid-media-type-examples, no-invalid-schema-examples, no-invalid-parameter-examples).</li>
 * </ul>
 * Redocly's {@code info-license} is left out: the project has not chosen a licence to name.
 */
final class OpenApiLint {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    private static final String REF = "$ref";

    private OpenApiLint() {
    }

    /** Every problem found, each naming where it is; empty when the document is clean. */
    static List<String> problems(JsonNode document) {
        List<String> problems = new ArrayList<>();
        String text = document.toString();
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(text, null, options);
        parsed.getMessages().forEach(message -> problems.add("swagger-parser: " + message));
        OpenAPI api = parsed.getOpenAPI();
        if (api == null) {
            problems.add("swagger-parser could not read the document");
            return problems;
        }
        try {
            OpenApiInteractionValidator.createForInlineApiSpecification(text).build();
        } catch (RuntimeException e) {
            problems.add("swagger-request-validator cannot load the document: " + e.getMessage());
        }
        nullableWithoutType(document, "#", problems);
        operations(document, problems);
        unusedComponents(document, problems);
        examples(document, "#", new SchemaValidator(api, new MessageResolver()), problems);
        return problems;
    }

    private static void nullableWithoutType(JsonNode node, String where, List<String> problems) {
        if (node.isObject() && node.has("nullable") && !node.has("type") && !node.has(REF)) {
            problems.add(where + ": nullable without type");
        }
        node.fields().forEachRemaining(child -> nullableWithoutType(child.getValue(), where + "/" + child.getKey(), problems));
        for (int i = 0; node.isArray() && i < node.size(); i++) {
            nullableWithoutType(node.get(i), where + "/" + i, problems);
        }
    }

    private static void operations(JsonNode document, List<String> problems) {
        Map<String, String> operationIds = new HashMap<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(entry -> {
            if (!METHODS.contains(entry.getKey())) {
                return;
            }
            String name = entry.getKey().toUpperCase() + " " + path.getKey();
            JsonNode operation = entry.getValue();
            String id = operation.path("operationId").asText("");
            if (id.isEmpty()) {
                problems.add(name + ": no operationId");
            } else if (operationIds.putIfAbsent(id, name) != null) {
                problems.add(name + ": operationId " + id + " is also " + operationIds.get(id) + "'s");
            }
            if (!document.path("security").isArray() && !operation.path("security").isArray()) {
                problems.add(name + ": no security requirement, on it or on the document");
            }
            if (operation.path("summary").asText("").isBlank()) {
                problems.add(name + ": no summary");
            }
            List<String> statuses = new ArrayList<>();
            operation.path("responses").fieldNames().forEachRemaining(statuses::add);
            if (statuses.stream().noneMatch(status -> status.startsWith("2"))) {
                problems.add(name + ": no 2xx response");
            }
            if (statuses.stream().noneMatch(status -> status.startsWith("4"))) {
                problems.add(name + ": no 4xx response");
            }
        }));
    }

    private static void unusedComponents(JsonNode document, List<String> problems) {
        Set<String> referenced = new HashSet<>();
        collectReferences(document, referenced);
        Set<String> schemes = new HashSet<>();
        collectSecurityRequirements(document, schemes);
        document.path("components").fields().forEachRemaining(section -> section.getValue().fieldNames().forEachRemaining(name -> {
            boolean used = section.getKey().equals("securitySchemes")
                    ? schemes.contains(name)
                    : referenced.contains("#/components/" + section.getKey() + "/" + name);
            if (!used) {
                problems.add("#/components/" + section.getKey() + "/" + name + " is never used");
            }
        }));
    }

    private static void collectReferences(JsonNode node, Set<String> into) {
        if (node.has(REF) && node.get(REF).isTextual()) {
            into.add(node.get(REF).asText());
        }
        node.forEach(child -> collectReferences(child, into));
    }

    private static void collectSecurityRequirements(JsonNode node, Set<String> into) {
        if (node.isObject() && node.path("security").isArray()) {
            node.path("security").forEach(requirement -> requirement.fieldNames().forEachRemaining(into::add));
        }
        node.forEach(child -> collectSecurityRequirements(child, into));
    }

    /** Media types and parameters (a {@code schema} beside {@code example(s)}) and schemas with an {@code example}. */
    private static void examples(JsonNode node, String where, SchemaValidator validator, List<String> problems) {
        if (node.isObject()) {
            JsonNode schema = node.has("schema") ? node.get("schema") : isSchema(node) ? node : null;
            if (schema != null && node.has("example")) {
                checkExample(validator, schema, node.get("example"), where + "/example", problems);
            }
            if (node.has("schema") && node.path("examples").isObject()) {
                node.path("examples").fields().forEachRemaining(example -> checkExample(validator, node.get("schema"),
                        example.getValue().path("value"), where + "/examples/" + example.getKey(), problems));
            }
        }
        node.fields().forEachRemaining(child -> {
            if (!child.getKey().equals("example") && !child.getKey().equals("examples")) {
                examples(child.getValue(), where + "/" + child.getKey(), validator, problems);
            }
        });
        for (int i = 0; node.isArray() && i < node.size(); i++) {
            examples(node.get(i), where + "/" + i, validator, problems);
        }
    }

    private static boolean isSchema(JsonNode node) {
        return node.has("type") || node.has("properties") || node.has("oneOf") || node.has("anyOf") || node.has("allOf")
                || node.has(REF);
    }

    private static void checkExample(SchemaValidator validator, JsonNode schemaNode, JsonNode example, String where,
                                     List<String> problems) {
        Schema<?> schema = Json.mapper().convertValue(schemaNode, Schema.class);
        ValidationReport report = validator.validate(() -> example, schema, "example");
        report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .forEach(m -> problems.add(where + ": " + m.getMessage()));
    }
}
