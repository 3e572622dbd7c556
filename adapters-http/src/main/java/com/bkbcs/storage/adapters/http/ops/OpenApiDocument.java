package com.bkbcs.storage.adapters.http.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;

/**
 * The OpenAPI 3 description of the API, kept by hand next to the routes in {@code openapi.yaml}
 * (reusable parameters, responses and schemas, and YAML anchors for what many operations share,
 * make it readable there) and served as JSON.
 *
 * <p>The file describes the server with a bearer token. A server without one is served the
 * document it really is: no security scheme (so Swagger UI shows no Authorize button), an empty
 * {@code security} requirement and no 401 responses, and the components only they used are
 * dropped. Tests start the server with every area wired and fail when a registered route, one of
 * its path parameters or its body is missing from the document, when a real response does not
 * match its schema, or when the document does not lint cleanly.
 */
public final class OpenApiDocument {
    public static final String RESOURCE = "openapi.yaml";
    /** The YAML anchors that operations share; the aliases are resolved on reading, the anchors dropped. */
    private static final String MACROS = "x-macros";
    private static final String SECURITY = "security";
    private static final String UNAUTHORIZED = "401";
    private static final String REF = "$ref";

    private OpenApiDocument() {
    }

    /** The document as kept, for a server with a bearer token, as a JSON tree. */
    public static JsonNode load() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(1_000);
            // SnakeYAML resolves the aliases and merge keys (Jackson's YAML reader would not); Jackson makes the tree
            ObjectNode document = new ObjectMapper().valueToTree(new Yaml(new SafeConstructor(options)).load(in));
            document.remove(MACROS);
            return document;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** The document of a server with ({@code tokenRequired}) or without a bearer token, as a JSON tree. */
    public static JsonNode load(boolean tokenRequired) {
        JsonNode document = load();
        return tokenRequired ? document : withoutToken((ObjectNode) document);
    }

    /** As {@link #load(boolean)}, as JSON text. */
    public static byte[] json(boolean tokenRequired) {
        try {
            return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(load(tokenRequired));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the OpenAPI document as JSON", e);
        }
    }

    private static JsonNode withoutToken(ObjectNode document) {
        // an explicit "no security": nothing to authorize
        document.putArray(SECURITY);
        ObjectNode components = (ObjectNode) document.path("components");
        components.remove("securitySchemes");
        document.path("paths").forEach(path -> path.forEach(operation -> {
            if (operation instanceof ObjectNode object) {
                object.remove(SECURITY);
                if (object.path("responses") instanceof ObjectNode responses) {
                    responses.remove(UNAUTHORIZED);
                }
            }
        }));
        // the 401 responses and what only they referred to
        boolean removed = true;
        while (removed) {
            Set<String> referenced = new HashSet<>();
            collectReferences(document, referenced);
            removed = false;
            for (String section : new String[]{"responses", "headers", "schemas"}) {
                JsonNode entries = components.path(section);
                for (Iterator<String> names = entries.fieldNames(); names.hasNext(); ) {
                    if (!referenced.contains("#/components/" + section + "/" + names.next())) {
                        names.remove();
                        removed = true;
                    }
                }
            }
        }
        return document;
    }

    private static void collectReferences(JsonNode node, Set<String> into) {
        JsonNode ref = node.get(REF);
        if (ref != null && ref.isTextual()) {
            into.add(ref.asText());
        }
        node.forEach(child -> collectReferences(child, into));
    }
}
