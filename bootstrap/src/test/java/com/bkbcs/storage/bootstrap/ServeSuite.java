package com.bkbcs.storage.bootstrap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.UUID;

/**
 * An end-to-end suite: the whole application driven over HTTP, written once and run on every
 * backend by two small subclasses, {@code ...OnMemoryTest} and {@code ...OnEmbeddedTest}, with the
 * same assertions, so the memory stores cannot drift from the real ones. A subclass says only which
 * stores to run on; what only one backend can do (durability across a restart, a store's files or
 * outages) is tested in that backend's subclass, and says why there.
 *
 * <p>One application serves the whole class: started before the first test, closed after the
 * last. Each test gets its own cluster id, so tests share no data and may run in any order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServeSuite {
    static final String V1 = "/bcsstorage/v1";
    static final String V4 = "/bcsapi/v4/storage";

    /** The class's directory, for the embedded stores' files; the memory stores write nothing. */
    Path dir;
    RunningApp app;
    Http http;
    /** The current test's own cluster id. */
    String cluster;

    /** The stores to run on, keeping any files under {@code dataDir}. */
    abstract ServerConfig config(Path dataDir);

    @BeforeAll
    final void startApp(@TempDir Path classDir) {
        dir = classDir;
        app = RunningApp.start(config(dir.resolve("app")));
        http = new Http(app.port());
    }

    @AfterAll
    final void stopApp() {
        if (app != null) {
            app.close();
        }
    }

    @BeforeEach
    final void newCluster() {
        cluster = "BCS-K8S-" + UUID.randomUUID();
    }
}
