package com.bkbcs.storage.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fixtures in the API's own request format, one request per line, sent to a running server as any
 * client would send them, so they get exactly the API's validation:
 * <pre>
 * # comments and blank lines are skipped
 * PUT /bcsstorage/v1/k8s/dynamic/namespace_resources/clusters/BCS-K8S-1/namespaces/default/Pod/web-1 {"data": {"metadata": {"name": "web-1"}}}
 * PUT /bcsstorage/v1/events {"clusterId": "BCS-K8S-1", "level": "warning", "eventTime": 1700000000}
 * DELETE /bcsstorage/v1/k8s/dynamic/cluster_resources/clusters/BCS-K8S-1/Node/gone
 * </pre>
 * A line is a method ({@code PUT}, {@code POST} or {@code DELETE}), a path starting with {@code /}
 * (query string included, as sent), and optionally a JSON body, the rest of the line. The first line
 * the server does not answer with 200 stops the seeding with a message naming the file, the line
 * and the server's answer.
 */
public final class Seeding {
    private static final Pattern LINE = Pattern.compile("(\\S+)\\s+(\\S+)(?:\\s+(.*))?");
    private static final Set<String> METHODS = Set.of("PUT", "POST", "DELETE");

    private Seeding() {
    }

    /** One request of a fixtures file. */
    record Request(int line, String method, String path, Optional<String> body) {
        Request {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(body, "body");
        }
    }

    /** Thrown when a fixtures file cannot be read, parsed or applied; the message says where. */
    public static final class SeedException extends RuntimeException {
        SeedException(String message) {
            super(message);
        }
    }

    /** The requests of {@code text}; {@code source} names it in messages. */
    static List<Request> parse(String source, String text) {
        List<Request> requests = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher matcher = LINE.matcher(line);
            String method = matcher.matches() ? matcher.group(1).toUpperCase(Locale.ROOT) : "";
            if (!METHODS.contains(method)) {
                throw new SeedException(source + " line " + (i + 1) + ": expected PUT, POST or DELETE, a path and an "
                        + "optional JSON body, got: " + line);
            }
            if (!matcher.group(2).startsWith("/")) {
                throw new SeedException(source + " line " + (i + 1) + ": the path must start with '/': " + matcher.group(2));
            }
            requests.add(new Request(i + 1, method, matcher.group(2), Optional.ofNullable(matcher.group(3))));
        }
        return requests;
    }

    /** Sends every request of the fixtures file to the server on {@code port} of this host. */
    public static int seed(Path file, int port, Optional<String> bearerToken) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SeedException("cannot read the fixtures " + file + ": " + e.getMessage());
        }
        return apply(file.toString(), text, port, bearerToken);
    }

    /** Sends every request of {@code text} (fixtures named {@code source}) to the server on {@code port}. */
    public static int apply(String source, String text, int port, Optional<String> bearerToken) {
        List<Request> requests = parse(source, text);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (Request request : requests) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + request.path()))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .method(request.method(), request.body()
                            .map(body -> HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                            .orElse(HttpRequest.BodyPublishers.noBody()));
            bearerToken.ifPresent(token -> builder.header("Authorization", "Bearer " + token));
            HttpResponse<String> response;
            try {
                response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(source + " line " + request.line() + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SeedException(source + " line " + request.line() + ": interrupted");
            } catch (IllegalArgumentException e) {
                throw new SeedException(source + " line " + request.line() + ": " + e.getMessage());
            }
            if (response.statusCode() != 200) {
                throw new SeedException(source + " line " + request.line() + ": " + request.method() + " " + request.path()
                        + " answered " + response.statusCode() + ": " + response.body());
            }
        }
        return requests.size();
    }
}
