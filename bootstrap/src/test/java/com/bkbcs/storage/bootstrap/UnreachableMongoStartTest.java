package com.bkbcs.storage.bootstrap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --mongo-uri} naming nothing: the start says so once, and the service serves what does
 * not need MongoDB (watch data, health) while what does answers 503.
 */
class UnreachableMongoStartTest {
    @TempDir
    Path dir;

    @Test
    void theStartSaysMongoIsUnreachableAndServesTheRest() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Logger log = (Logger) LoggerFactory.getLogger(ServerBackends.class);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        log.addAppender(events);
        ServerConfig config = new ServerConfig(0, dir, Optional.of("mongodb://127.0.0.1:" + closed), "bcs_storage",
                Optional.empty(), "etc/cluster", ServerConfig.DEFAULT_MAX_BODY_BYTES, Duration.ofSeconds(30),
                Duration.ofSeconds(5), Duration.ofSeconds(5));
        try (RunningApp app = RunningApp.start(config, OperabilityConfig.defaults(), RetentionConfig.defaults(),
                RequestConfig.defaults(), StoreGuardConfig.defaults().withMongoOperationTimeout(Duration.ofSeconds(1)))) {
            assertThat(events.list).filteredOn(event -> event.getLevel() == Level.WARN)
                    .extracting(ILoggingEvent::getFormattedMessage)
                    .anySatisfy(line -> assertThat(line).startsWith("MongoDB (external MongoDB) is not reachable yet: ")
                            .contains("routes that need it answer 503 until it is"));
            Http http = new Http(app.port());
            assertThat(http.get("/healthz").status()).isEqualTo(200);
            assertThat(http.put("/bcsstorage/v1/k8s/watch/clusters/c1/namespaces/ns/Service/web", "{\"data\": 1}").status())
                    .isEqualTo(200);
            assertThat(http.get("/bcsstorage/v1/k8s/dynamic/cluster_resources/clusters/c1/Node/n").status()).isEqualTo(503);
        } finally {
            log.detachAppender(events);
        }
    }
}
