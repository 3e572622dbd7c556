package com.bkbcs.storage.adapters.mongo;

import com.bkbcs.storage.domain.ErrorKind;
import com.bkbcs.storage.domain.StorageException;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

class MongoConnectionTest {

    @Test
    void aMalformedUriIsAnIllegalArgument() {
        assertThatThrownBy(() -> MongoConnection.connect("http://example", "db"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("connection string");
    }

    @Test
    void pingAnswersWhileTheServerIsUpAndFailsWithinItsTimeoutOnceItIsGoneAndAnswersAgainWhenItIsBack() {
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        int port = server.getLocalAddress().getPort();
        try (MongoConnection connection = MongoConnection.connect("mongodb://127.0.0.1:" + port, "bcs")) {
            assertThatCode(() -> connection.ping(Duration.ofSeconds(2))).doesNotThrowAnyException();

            server.shutdownNow();
            long started = System.nanoTime();
            Throwable failure = catchThrowable(() -> connection.ping(Duration.ofMillis(500)));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
            assertThat(failure).isInstanceOf(StorageException.class).hasMessageContaining("ping");
            assertThat(((StorageException) failure).kind()).isEqualTo(ErrorKind.UNAVAILABLE);

            server = new MongoServer(new MemoryBackend());
            server.bind("127.0.0.1", port);
            assertThatCode(() -> connection.ping(Duration.ofSeconds(5))).doesNotThrowAnyException();
        } finally {
            server.shutdownNow();
        }
    }

    @Test
    void pingOfAnAddressWithNoServerFailsWithinItsTimeout() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (MongoConnection connection = MongoConnection.connect("mongodb://127.0.0.1:" + port, "bcs")) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> connection.ping(Duration.ofMillis(300))).isInstanceOf(StorageException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        }
    }
}
