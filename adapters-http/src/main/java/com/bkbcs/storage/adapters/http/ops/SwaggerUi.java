package com.bkbcs.storage.adapters.http.ops;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.NotFoundResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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
 *
 * <p>The page and its files hold no data, so they never need the bearer token ({@link #isPage}):
 * a browser can open {@code /docs} on a server with a token. There the page first asks for the
 * token, keeps it in the page's memory only (a reload asks again), and sends it as
 * {@code Authorization: Bearer} with the request for {@code /openapi.json} and with every
 * "try it out" request; a refused token brings the question back. Without a token the page loads
 * the document at once, and the document names no security scheme, so there is no Authorize button.
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
              <style>
                #token-form { font-family: sans-serif; max-width: 40em; margin: 3em auto; }
                #token-form input { width: 100%; padding: .5em; font-family: monospace; }
                #token-form p.refused { color: #b00; }
              </style>
            </head>
            <body>
            <form id="token-form" hidden>
              <h2>bcs-storage API</h2>
              <p>This server asks for a bearer token (<code>--auth-token-file</code>). It is kept in this page only
                 and sent with each request the page makes.</p>
              <p class="refused" id="token-refused" hidden>The server refused that token.</p>
              <label for="token">Bearer token</label>
              <input id="token" type="password" autocomplete="off" required>
              <p><button type="submit">Open the API description</button></p>
            </form>
            <div id="swagger-ui"></div>
            <script src="/docs/swagger-ui-bundle.js"></script>
            <script src="/docs/swagger-ui-standalone-preset.js"></script>
            <script>
              const tokenRequired = TOKEN_REQUIRED;
              const form = document.getElementById("token-form");
              function show(token) {
                form.hidden = true;
                const ui = SwaggerUIBundle({
                  url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true,
                  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: "StandaloneLayout",
                  requestInterceptor: request => {
                    if (token && !request.headers.Authorization) {
                      request.headers.Authorization = "Bearer " + token;
                    }
                    return request;
                  },
                  responseInterceptor: response => {
                    if (token && response.status === 401 && response.url.endsWith("/openapi.json")) {
                      document.getElementById("swagger-ui").replaceChildren();
                      ask(true);
                    }
                    return response;
                  },
                  onComplete: () => {
                    if (token) {
                      ui.preauthorizeApiKey("bearer", token);
                    }
                  }
                });
                window.ui = ui;
              }
              function ask(refused) {
                document.getElementById("token-refused").hidden = !refused;
                form.hidden = false;
                document.getElementById("token").focus();
              }
              form.addEventListener("submit", event => {
                event.preventDefault();
                show(document.getElementById("token").value.trim());
              });
              if (tokenRequired) {
                ask(false);
              } else {
                show(null);
              }
            </script>
            </body>
            </html>
            """;

    private final String root;

    private SwaggerUi(String root) {
        this.root = root;
    }

    /** Adds {@code /docs} and its assets (GET and HEAD); {@code tokenRequired}: the page asks for the token first. */
    public static void addTo(RoutesConfig routes, boolean tokenRequired) {
        SwaggerUi ui = new SwaggerUi(WEBJAR + version() + "/");
        String page = PAGE.replace("TOKEN_REQUIRED", String.valueOf(tokenRequired));
        for (HandlerType method : List.of(HandlerType.GET, HandlerType.HEAD)) {
            routes.addHttpHandler(method, PATH, ctx -> ctx.contentType("text/html; charset=utf-8").result(page));
            routes.addHttpHandler(method, PATH + "/{file}", ui::asset);
        }
    }

    /** Whether {@code path} is the page or one of its files, which never need the token. */
    public static boolean isPage(String path) {
        return path.equals(PATH) || path.startsWith(PATH + "/") && path.indexOf('/', PATH.length() + 1) < 0;
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
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the swagger-ui webjar's version", e);
        }
    }
}
