package com.bkbcs.storage.adapters.http;

import com.bkbcs.storage.adapters.http.RouteRegistry.RegisteredRoute;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares the OpenAPI document with the routes a server registered and says what does not match:
 * a registered route (method and path template) missing from the document, a path parameter it
 * does not declare, a PUT or POST without a request body, an operation without a 200 response, a
 * documented operation no route serves, a {@code $ref} that leads nowhere. Used by this module's
 * test and by bootstrap's, which starts the whole application with every area wired.
 */
public final class OpenApiCoverage {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]+)}");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private OpenApiCoverage() {
    }

    public static List<String> problems(JsonNode document, List<RegisteredRoute> routes) {
        List<String> problems = new ArrayList<>();
        JsonNode paths = document.path("paths");
        Set<String> registered = new HashSet<>();
        for (RegisteredRoute route : routes) {
            String method = route.method().name().toLowerCase(Locale.ROOT);
            String name = route.method() + " " + route.path();
            registered.add(method + " " + route.path());
            JsonNode item = paths.path(route.path());
            JsonNode operation = item.path(method);
            if (!operation.isObject()) {
                problems.add(name + " is registered but not documented");
                continue;
            }
            boolean unprefixed = item.path("servers").path(0).path("url").asText("").equals("/");
            if (unprefixed == route.prefixed()) {
                problems.add(name + (route.prefixed() ? " is served under the API prefixes but documented with servers [/]"
                        : " is served at the root but not documented with servers [/]"));
            }
            Set<String> declared = new HashSet<>();
            collectPathParameters(document, item.path("parameters"), declared);
            collectPathParameters(document, operation.path("parameters"), declared);
            Matcher placeholder = PLACEHOLDER.matcher(route.path());
            while (placeholder.find()) {
                if (!declared.remove(placeholder.group(1))) {
                    problems.add(name + " does not declare its path parameter " + placeholder.group(1));
                }
            }
            declared.forEach(extra -> problems.add(name + " declares a path parameter its path lacks: " + extra));
            if ((method.equals("put") || method.equals("post")) && !operation.has("requestBody")) {
                problems.add(name + " does not describe its request body");
            }
            if (!resolve(document, operation.path("responses")).has("200")) {
                problems.add(name + " does not describe its 200 response");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            for (Iterator<String> keys = path.getValue().fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (METHODS.contains(key) && !registered.contains(key + " " + path.getKey())) {
                    problems.add(key.toUpperCase(Locale.ROOT) + " " + path.getKey() + " is documented but no route serves it");
                }
            }
        }
        checkReferences(document, document, problems);
        return problems;
    }

    private static void collectPathParameters(JsonNode document, JsonNode parameters, Set<String> into) {
        for (JsonNode parameter : parameters) {
            JsonNode resolved = resolve(document, parameter);
            if ("path".equals(resolved.path("in").asText())) {
                into.add(resolved.path("name").asText());
            }
        }
    }

    private static JsonNode resolve(JsonNode document, JsonNode node) {
        JsonNode ref = node.get("$ref");
        return ref == null ? node : document.at(ref.asText().substring(1));
    }

    private static void checkReferences(JsonNode document, JsonNode node, List<String> problems) {
        JsonNode ref = node.get("$ref");
        if (ref != null && (!ref.asText().startsWith("#/") || document.at(ref.asText().substring(1)).isMissingNode())) {
            problems.add("$ref " + ref.asText() + " leads nowhere");
        }
        node.forEach(child -> checkReferences(document, child, problems));
    }
}
