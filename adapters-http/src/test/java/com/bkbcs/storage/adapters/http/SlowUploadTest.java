package com.bkbcs.storage.adapters.http;

import com.bkbcs.storage.adapters.http.dynamic.DynamicRoutes;
import com.bkbcs.storage.adapters.memory.InMemoryResourceStore;
import com.bkbcs.storage.application.service.DynamicResourceService;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that pauses while uploading a body is not cut off after a second in normal operation (only a
 * stopping server closes connections idle for a second, see GracefulShutdownIT in bootstrap).
 */
class SlowUploadTest {

    @Test
    void aBodyPausedForTwoSecondsStillArrives() throws Exception {
        DynamicResourceService service = new DynamicResourceService(new InMemoryResourceStore(), Clock.systemUTC());
        try (HttpServer server = HttpServer.start(new HttpSettings(0),
                List.of(new DynamicRoutes(service, service, service, service, service, Watches.idle())));
             Socket socket = new Socket("127.0.0.1", server.port())) {
            byte[] body = "{\"data\":{\"x\":\"0123456789\"}}".getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /bcsstorage/v1/k8s/dynamic/cluster_resources/clusters/c/Node/n HTTP/1.1\r\nHost: x\r\n"
                    + "Connection: close\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, 10);
            out.flush();
            Thread.sleep(2_000);
            out.write(body, 10, body.length - 10);
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 200");
        }
    }
}
