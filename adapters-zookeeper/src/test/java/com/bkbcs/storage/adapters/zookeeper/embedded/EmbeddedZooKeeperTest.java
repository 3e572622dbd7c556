package com.bkbcs.storage.adapters.zookeeper.embedded;

import com.bkbcs.storage.domain.ErrorKind;
import com.bkbcs.storage.domain.StorageException;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedZooKeeperTest {
    @TempDir
    Path directory;

    @Test
    void dataSurvivesACloseAndARestartOnAnotherPort() throws Exception {
        int firstPort;
        try (EmbeddedZooKeeper server = EmbeddedZooKeeper.start(directory)) {
            firstPort = server.port();
            assertThat(server.connectionString()).isEqualTo("127.0.0.1:" + server.port());
            try (Client client = new Client(server.connectionString())) {
                client.zk.create("/kept", "{\"v\":1}".getBytes(StandardCharsets.UTF_8), ZooDefs.Ids.OPEN_ACL_UNSAFE,
                        CreateMode.PERSISTENT);
                client.zk.setData("/kept", "{\"v\":2}".getBytes(StandardCharsets.UTF_8), -1);
            }
        }

        try (EmbeddedZooKeeper server = EmbeddedZooKeeper.start(directory);
             Client client = new Client(server.connectionString())) {
            assertThat(new String(client.zk.getData("/kept", false, null), StandardCharsets.UTF_8)).isEqualTo("{\"v\":2}");
            assertThat(server.port()).isPositive();
        }
        try (EmbeddedZooKeeper again = EmbeddedZooKeeper.start(directory, firstPort);
             Client client = new Client(again.connectionString())) {
            assertThat(client.zk.exists("/kept", false)).isNotNull();
        }
    }

    @Test
    void keepsItsFilesUnderTheDirectoryAndLeavesNoConfigurationFilesBehind() throws Exception {
        Path nested = directory.resolve("not/yet/there");
        try (EmbeddedZooKeeper server = EmbeddedZooKeeper.start(nested)) {
            assertThat(server.directory()).isEqualTo(nested.toAbsolutePath());
        }
        try (EmbeddedZooKeeper server = EmbeddedZooKeeper.start(nested)) {
            assertThat(server.port()).isPositive();
        }
        try (Stream<Path> files = Files.list(nested)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("data");
        }
        try (Stream<Path> files = Files.walk(nested.resolve("data"))) {
            assertThat(files.map(p -> p.getFileName().toString())).contains("version-2");
        }
    }

    @Test
    void servesTheLoopbackInterfaceOnly() throws Exception {
        try (EmbeddedZooKeeper server = EmbeddedZooKeeper.start(directory)) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), 2_000);
                assertThat(socket.isConnected()).isTrue();
            }
            InetAddress external = firstNonLoopbackAddress();
            if (external != null) {
                try (Socket socket = new Socket()) {
                    assertThatThrownBy(() -> socket.connect(new InetSocketAddress(external, server.port()), 2_000))
                            .isInstanceOf(java.io.IOException.class);
                }
            }
        }
    }

    @Test
    void aPortInUseIsReportedAsUnavailable() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> EmbeddedZooKeeper.start(directory, busy.getLocalPort()))
                    .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE))
                    .hasMessageContaining("in use");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(5_000);
        }
    }

    private static InetAddress firstNonLoopbackAddress() throws Exception {
        return java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(nic -> java.util.Collections.list(nic.getInetAddresses()).stream())
                .filter(address -> !address.isLoopbackAddress() && address instanceof java.net.Inet4Address)
                .findFirst().orElse(null);
    }

    private static final class Client implements AutoCloseable {
        final ZooKeeper zk;

        Client(String connectString) throws Exception {
            CountDownLatch connected = new CountDownLatch(1);
            zk = new ZooKeeper(connectString, 30_000, event -> {
                if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                    connected.countDown();
                }
            });
            assertThat(connected.await(20, TimeUnit.SECONDS)).isTrue();
        }

        @Override
        public void close() throws InterruptedException {
            zk.close();
        }
    }
}
