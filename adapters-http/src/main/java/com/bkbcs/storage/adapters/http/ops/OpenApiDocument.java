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

/**
 * The OpenAPI 3 description of the API, kept by hand next to the routes in {@code openapi.yaml}
 * (reusable parameters and schemas make it readable there) and served as JSON. A test starts the
 * server with every area wired and fails when a registered route, one of its path parameters or
 * its body is missing from the document.
 */
public final class OpenApiDocument {
    public static final String RESOURCE = "openapi.yaml";
    /** The YAML anchors that operations share; the aliases are resolved on reading, the anchors dropped. */
    private static final String MACROS = "x-macros";

    private OpenApiDocument() {
    }

    /** The document as a JSON tree. */
    public static JsonNode load() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(1_000);
            // SnakeYAML resolves the aliases (Jackson's YAML reader would not); Jackson makes the tree
            ObjectNode document = new ObjectMapper().valueToTree(new Yaml(new SafeConstructor(options)).load(in));
            document.remove(MACROS);
            return document;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    public static byte[] json() {
        try {
            return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(load());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the OpenAPI document as JSON", e);
        }
    }
}
