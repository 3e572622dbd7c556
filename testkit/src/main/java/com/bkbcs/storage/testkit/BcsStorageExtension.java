package com.bkbcs.storage.testkit;

import com.bkbcs.storage.bootstrap.RunningApp;
import com.bkbcs.storage.bootstrap.Seeding;
import com.bkbcs.storage.bootstrap.ServerConfig;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The whole bcs-storage server in the test's JVM, on a free port of 127.0.0.1, for tests of
 * services that call bcs-storage over HTTP. Register it on a static field:
 * <pre>
 * &#64;RegisterExtension
 * static final BcsStorageExtension storage = BcsStorageExtension.memory().seedResource("/storage-fixtures.txt");
 *
 * &#64;Test
 * void listsPods() {
 *     String url = storage.v1() + "/k8s/dynamic/all_resources/clusters/BCS-K8S-1/Pod";
 *     // ... call your own code with storage.baseUrl(), or send the request yourself
 * }
 * </pre>
 * <ul>
 *   <li>{@link #memory()} (the default choice): the in-memory stores, ready in well under a second,
 *       nothing written anywhere. Before each test every store is emptied and the fixtures are
 *       loaded again, so tests never see each other's data.</li>
 *   <li>{@link #embedded()}: the embedded MongoDB-wire store and ZooKeeper, as {@code serve} runs by
 *       default, in a temporary directory deleted afterwards. Those stores cannot be emptied in
 *       place, so before each test the server is restarted on a fresh directory (seconds per
 *       test; the port changes, so read {@link #baseUrl()} in each test).</li>
 * </ul>
 * Fixtures are in the format of {@code serve --seed}: one request per line, {@code METHOD /path
 * {json body}}, as the API takes them ({@code docs/testing-with-bcs-storage.md}). A fixture the API
 * refuses fails the test with a message naming its line. Registered on an instance field instead
 * of a static one, the server starts before and stops after each test.
 */
public final class BcsStorageExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        AfterAllCallback {
    /** The original agents' prefix. */
    public static final String V1 = "/bcsstorage/v1";
    /** The API gateway's prefix. */
    public static final String V4 = "/bcsapi/v4/storage";

    private final boolean inMemory;
    private final List<Fixtures> fixtures;
    private RunningApp app;
    private Path dataDir;
    private boolean perTest;
    /** Started and not yet used by a test: nothing to empty. */
    private boolean fresh;

    private BcsStorageExtension(boolean inMemory, List<Fixtures> fixtures) {
        this.inMemory = inMemory;
        this.fixtures = List.copyOf(fixtures);
    }

    /** The in-memory stores. */
    public static BcsStorageExtension memory() {
        return new BcsStorageExtension(true, List.of());
    }

    /** The embedded MongoDB-wire store and ZooKeeper, in a temporary directory. */
    public static BcsStorageExtension embedded() {
        return new BcsStorageExtension(false, List.of());
    }

    /** Also loads the fixtures of this file before each test (after those given before). */
    public BcsStorageExtension seed(Path file) {
        Objects.requireNonNull(file, "file");
        return with(new Fixtures(file.toString(), () -> {
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the fixtures " + file, e);
            }
        }));
    }

    /** Also loads the fixtures of this classpath resource (e.g. {@code /storage-fixtures.txt}) before each test. */
    public BcsStorageExtension seedResource(String resource) {
        Objects.requireNonNull(resource, "resource");
        return with(new Fixtures(resource, () -> {
            try (InputStream in = BcsStorageExtension.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalArgumentException("no classpath resource " + resource
                            + " (a resource name is absolute: /storage-fixtures.txt)");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the fixtures " + resource, e);
            }
        }));
    }

    private BcsStorageExtension with(Fixtures more) {
        List<Fixtures> all = new ArrayList<>(fixtures);
        all.add(more);
        return new BcsStorageExtension(inMemory, all);
    }

    /** {@code http://127.0.0.1:<port>}, no trailing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** {@link #baseUrl()} with the agents' prefix {@code /bcsstorage/v1}. */
    public String v1() {
        return baseUrl() + V1;
    }

    /** {@link #baseUrl()} with the gateway's prefix {@code /bcsapi/v4/storage}. */
    public String v4() {
        return baseUrl() + V4;
    }

    public int port() {
        if (app == null) {
            throw new IllegalStateException("the server runs only while a test class using it runs");
        }
        return app.port();
    }

    /**
     * Empties every store and loads the fixtures again, as happens before each test; for a test that
     * needs a clean start half way through.
     */
    public void reset() {
        if (inMemory) {
            app.reset();
        } else {
            stop();
            start();
        }
        fresh = false;
        seedAll();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (app == null) {
            perTest = true;
            start();
        }
        if (fresh) {
            fresh = false;
            seedAll();
        } else {
            reset();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perTest) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    private void start() {
        if (inMemory) {
            app = RunningApp.start(ServerConfig.memory());
        } else {
            try {
                dataDir = Files.createTempDirectory("bcs-storage-testkit-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a temporary directory for the embedded stores", e);
            }
            app = RunningApp.start(ServerConfig.embedded(dataDir));
        }
        fresh = true;
    }

    private void seedAll() {
        for (Fixtures each : fixtures) {
            Seeding.apply(each.source(), each.text().read(), app.port(), Optional.empty());
        }
    }

    private void stop() {
        if (app != null) {
            app.close();
            app = null;
        }
        if (dataDir != null) {
            deleteRecursively(dataDir);
            dataDir = null;
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }

    @FunctionalInterface
    private interface Text {
        String read();
    }

    private record Fixtures(String source, Text text) {
    }
}
