package com.bkbcs.storage.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM, as an orchestrator sends it, against the packaged jar: writers keep writing while the
 * process is told to stop, and one request is still uploading its body when the signal comes. The
 * request in flight must complete with 200, the process must exit on its own, and a new process on
 * the same data directory must return every write that was acknowledged, that one included.
 */
class GracefulShutdownIT {
    private static final int WRITERS = 4;
    private static final String CLUSTER = "BCS-K8S-SIGTERM";

    @TempDir
    Path dir;

    @Test
    void sigtermFinishesRequestsInFlightAndLosesNoAcknowledgedWrite() throws Exception {
        Path dataDir = dir.resolve("data");
        AcknowledgedWriters writers;
        String slowBody = "{\"data\":{\"seq\":-1,\"pad\":\"" + "y".repeat(4_000) + "\"}}";
        byte[] slowBytes = slowBody.getBytes(StandardCharsets.UTF_8);
        String slowReply;
        String log;

        try (ServerProcess server = ServerProcess.start(dir.resolve("first.log"), "serve", "--port", "0",
                "--data-dir", dataDir.toString(), "--shutdown-timeout", "20000")) {
            int port = server.awaitPort(Duration.ofSeconds(60));
            Http http = new Http(port);
            writers = AcknowledgedWriters.start(http, CLUSTER, WRITERS, "");
            writers.awaitAcknowledged(200, Duration.ofSeconds(30));

            try (Socket slow = new Socket("127.0.0.1", port)) {
                slow.setSoTimeout(30_000);
                OutputStream out = slow.getOutputStream();
                out.write(("PUT " + writers.path("slow") + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + slowBytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                // the body trickles in, a byte every 50 ms, so the connection is never idle (Jetty closes
                // connections idle for a second once it is stopping); SIGTERM comes meanwhile
                int sent = 100;
                out.write(slowBytes, 0, sent);
                out.flush();
                Thread.sleep(300); // the request is being handled: its handler waits for the rest of the body
                server.terminate();
                long stopping = 0;
                long deadline2 = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (System.nanoTime() < deadline2 && (stopping == 0 || System.nanoTime() - stopping < 500_000_000L)) {
                    out.write(slowBytes, sent++, 1);
                    out.flush();
                    Thread.sleep(50);
                    if (stopping == 0 && server.output().contains("stopping HTTP server")) {
                        stopping = System.nanoTime();
                    }
                }
                assertThat(stopping).as("the server logged that it is stopping").isNotZero();
                out.write(slowBytes, sent, slowBytes.length - sent);
                out.flush();
                slowReply = readResponse(slow.getInputStream());
            }
            int exit = server.awaitExit(Duration.ofSeconds(60));
            writers.close();
            assertThat(exit).as("exit status after SIGTERM").isIn(0, 143);
            log = server.output();
        }
        assertThat(slowReply).as("the request in flight when SIGTERM came; server log:\n" + log).startsWith("HTTP/1.1 200");
        assertThat(log).contains("stopping HTTP server");
        assertThat(writers.acknowledgedCount()).isGreaterThanOrEqualTo(200);
        writers.acknowledge("slow", -1);

        try (ServerProcess server = ServerProcess.start(dir.resolve("second.log"), "serve", "--port", "0",
                "--data-dir", dataDir.toString())) {
            Http http = new Http(server.awaitPort(Duration.ofSeconds(60)));
            assertThat(writers.missingFrom(http)).as("acknowledged writes missing after SIGTERM").isEmpty();
        }
    }

    private static String readResponse(InputStream in) throws java.io.IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) != -1) {
            head.append((char) b);
            if (head.toString().endsWith("\r\n\r\n")) {
                break;
            }
        }
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        if (length.find()) {
            head.append(new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8));
        }
        return head.toString();
    }
}
