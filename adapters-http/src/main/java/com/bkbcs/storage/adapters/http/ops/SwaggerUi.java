package com.bkbcs.storage.adapters.http.ops;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.NotFoundResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Swagger UI on {@code /docs}, from the {@code org.webjars:swagger-ui} jar on the classpath (no
 * network needed): a page of our own that points the viewer at {@code /openapi.json}, and the few
 * files of the webjar it loads. These are pages, not API routes: they are left out of the OpenAPI
 * document.
 */
public final class SwaggerUi {
    public static final String PATH = "/docs";
    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final Map<String, String> ASSETS = Map.of(
            "swagger-ui.css", "text/css; charset=utf-8",
            "swagger-ui-bundle.js", "text/javascript; charset=utf-8",
            "swagger-ui-standalone-preset.js", "text/javascript; charset=utf-8",
            "favicon-32x32.png", "image/png",
            "favicon-16x16.png", "image/png");
    private static final String PAGE = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>bcs-storage API</title>
              <link rel="stylesheet" href="/docs/swagger-ui.css">
              <link rel="icon" type="image/png" href="/docs/favicon-32x32.png" sizes="32x32">
            </head>
            <body>
            <div id="swagger-ui"></div>
            <script src="/docs/swagger-ui-bundle.js"></script>
            <script src="/docs/swagger-ui-standalone-preset.js"></script>
            <script>
              window.ui = SwaggerUIBundle({url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true,
                presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: "StandaloneLayout"});
            </script>
            </body>
            </html>
            """;

    private final String root;

    private SwaggerUi(String root) {
        this.root = root;
    }

    /** Adds {@code /docs} and its assets. */
    public static void addTo(RoutesConfig routes) {
        SwaggerUi ui = new SwaggerUi(WEBJAR + version() + "/");
        for (HandlerType method : List.of(HandlerType.GET, HandlerType.HEAD)) {
            routes.addHttpHandler(method, PATH, ctx -> ctx.contentType("text/html; charset=utf-8").result(PAGE));
            routes.addHttpHandler(method, PATH + "/{file}", ui::asset);
        }
    }

    private void asset(Context ctx) {
        String file = ctx.pathParam("file");
        String type = ASSETS.get(file);
        InputStream in = type == null ? null : SwaggerUi.class.getClassLoader().getResourceAsStream(root + file);
        if (in == null) {
            throw new NotFoundResponse();
        }
        ctx.header("Cache-Control", "max-age=3600").contentType(type).result(in);
    }

    private static String version() {
        try (InputStream in = SwaggerUi.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the swagger-ui webjar is missing from the classpath");
            }
            Properties properties = new Properties();
            properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the swagger-ui webjar's version", e);
        }
    }
}
