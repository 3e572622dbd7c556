package com.bkbcs.storage.bootstrap;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every curl example of {@code docs/*.md}, run in order against the packaged jar, each page against
 * a fresh server, and compared with the output the page shows (see {@link DocPage} for how examples
 * are written and skipped, {@link CurlCommand} for the curl the runner understands and
 * {@link DocOutput} for the comparison and what it masks). Each example is one test, named by its
 * page and line; a skipped one is reported as skipped with its reason.
 */
class DocExamplesIT {
    private static final Path DOCS = Path.of("..", "docs");
    /** Not a timing assertion: a stream that never ends would otherwise hang the build. */
    private static final Duration LONGEST_ANSWER = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TestFactory
    Stream<DynamicNode> everyCurlExampleOfTheDocs() throws IOException {
        List<DocPage> pages = DocPage.readAll(DOCS);
        long examples = pages.stream().mapToLong(p -> p.examples().size()).sum();
        long skipped = pages.stream().mapToLong(DocPage::skippedCount).sum();
        System.out.printf("doc runner: %d curl examples in %d pages, %d run, %d skipped%n", examples, pages.size(),
                examples - skipped, skipped);
        pages.forEach(page -> page.examples().stream().filter(e -> e.skipped().isPresent())
                .forEach(e -> System.out.printf("doc runner: skipped %s: %s%n", e, e.skipped().get())));
        assertThat(examples - skipped).as("runnable examples").isPositive();
        return pages.stream().filter(page -> !page.examples().isEmpty()).map(page -> {
            PageServer server = new PageServer(page, dir);
            // JUnit closes a container's stream once its tests have run: one server at a time
            return DynamicContainer.dynamicContainer(page.name(),
                    page.examples().stream().map(example -> test(example, server)).onClose(server::close));
        });
    }

    private DynamicTest test(DocPage.Example example, PageServer server) {
        String firstLine = example.command().lines().findFirst().orElse("");
        String name = "line " + example.line() + ": " + (firstLine.length() > 100 ? firstLine.substring(0, 100) + "..." : firstLine);
        return DynamicTest.dynamicTest(name, () -> {
            Assumptions.assumeTrue(example.skipped().isEmpty(), () -> "skipped: " + example.skipped().orElseThrow());
            run(example, server.port());
        });
    }

    private void run(DocPage.Example example, int port) throws Exception {
        CurlCommand curl;
        HttpRequest.Builder request;
        try {
            curl = CurlCommand.parse(example.command());
            request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + curl.pathAndQuery()))
                    .method(curl.method(), curl.body().map(HttpRequest.BodyPublishers::ofString)
                            .orElse(HttpRequest.BodyPublishers.noBody()));
            curl.headers().forEach(request::header);
        } catch (IllegalArgumentException e) {
            throw new AssertionError(example + ": the runner cannot run this command: " + e.getMessage()
                    + "\n$ " + example.command(), e);
        }
        HttpResponse<String> response;
        try {
            response = client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                    .get(LONGEST_ANSWER.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(example + ": no complete answer within " + LONGEST_ANSWER
                    + " (a stream needs a short timeoutSeconds or timeout)\n$ " + example.command(), e);
        } catch (ExecutionException e) {
            throw new AssertionError(example + ": the request failed\n$ " + example.command(), e.getCause());
        }
        DocOutput.Answer answer = new DocOutput.Answer(response.statusCode(), response.headers().map(), response.body());
        List<String> differences = example.output().differences(answer, curl.include());
        if (!differences.isEmpty()) {
            throw new AssertionError(example + ": the answer is not what the doc shows\n$ " + example.command()
                    + "\n--- the doc shows:\n" + example.output().text()
                    + "\n--- the server answered (HTTP " + answer.status() + "):\n" + DocOutput.printed(answer, curl.include())
                    + "\n--- differences:\n  " + String.join("\n  ", differences));
        }
    }

    /** The server of one page, started at its first example and stopped after its last. */
    private static final class PageServer {
        private final DocPage page;
        private final Path dir;
        private ServerProcess process;
        private int port;
        private boolean failedToStart;

        PageServer(DocPage page, Path dir) {
            this.page = page;
            this.dir = dir;
        }

        int port() throws IOException, InterruptedException {
            if (process != null) {
                return port;
            }
            if (failedToStart) {
                throw new IllegalStateException("the server of " + page.name() + " did not start (see its first example)");
            }
            failedToStart = true;
            String slug = page.name().replaceAll("[^A-Za-z0-9]+", "-");
            Path log = dir.resolve(slug + ".log");
            ServerProcess started = page.embedded()
                    ? ServerProcess.start(log, "serve", "--port", "0", "--data-dir",
                    Files.createDirectories(dir.resolve(slug + "-data")).toString())
                    : ServerProcess.start(log, "serve", "--store", "memory", "--port", "0");
            try {
                port = started.awaitPort(Duration.ofSeconds(60));
            } catch (RuntimeException | IOException e) {
                started.close();
                throw e;
            }
            process = started;
            failedToStart = false;
            return port;
        }

        void close() {
            if (process != null) {
                try {
                    process.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                process = null;
            }
        }
    }
}
