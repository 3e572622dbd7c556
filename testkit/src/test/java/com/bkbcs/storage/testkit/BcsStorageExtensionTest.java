package com.bkbcs.storage.testkit;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the extension promises: both prefixes, fixtures, a reset before each test, both stores. */
class BcsStorageExtensionTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final String POD = "/k8s/dynamic/namespace_resources/clusters/BCS-K8S-1/namespaces/shop/Pod/";

    static HttpResponse<String> send(String method, String url, String body) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Nested
    class OnTheMemoryStores {
        @RegisterExtension
        static final BcsStorageExtension storage = BcsStorageExtension.memory().seedResource("/storage-fixtures.txt");

        @Test
        void servesBothPrefixesWithTheFixturesLoaded() throws Exception {
            assertThat(storage.v1()).isEqualTo(storage.baseUrl() + "/bcsstorage/v1");
            assertThat(send("GET", storage.v1() + POD + "cart-1", null).statusCode()).isEqualTo(200);
            assertThat(send("GET", storage.v4() + POD + "cart-2", null).statusCode()).isEqualTo(200);
        }

        @Test
        void resetEmptiesWhatATestWroteAndLoadsTheFixturesAgain() throws Exception {
            assertThat(send("PUT", storage.v1() + POD + "new", "{\"data\": 1}").statusCode()).isEqualTo(200);
            assertThat(send("DELETE", storage.v1() + POD + "cart-1", null).statusCode()).isEqualTo(200);
            storage.reset();
            assertThat(send("GET", storage.v1() + POD + "new", null).statusCode()).isEqualTo(404);
            assertThat(send("GET", storage.v1() + POD + "cart-1", null).statusCode()).isEqualTo(200);
        }

        @Test
        void theTestingResetRouteIsThere() throws Exception {
            assertThat(send("POST", storage.baseUrl() + "/testing/reset", null).statusCode()).isEqualTo(200);
            assertThat(send("GET", storage.v1() + POD + "cart-1", null).statusCode()).isEqualTo(404);
        }
    }

    @Nested
    class OnTheEmbeddedStores {
        @RegisterExtension
        static final BcsStorageExtension storage = BcsStorageExtension.embedded().seedResource("/storage-fixtures.txt");

        @Test
        void servesTheFixturesFromTheEmbeddedStores() throws Exception {
            assertThat(send("GET", storage.v1() + POD + "pay-1", null).statusCode()).isEqualTo(200);
            assertThat(send("POST", storage.baseUrl() + "/testing/reset", null).statusCode()).isEqualTo(404);
        }

        @Test
        void resetStartsAgainOnAFreshDirectory() throws Exception {
            assertThat(send("PUT", storage.v1() + POD + "new", "{\"data\": 1}").statusCode()).isEqualTo(200);
            storage.reset();
            assertThat(send("GET", storage.v1() + POD + "new", null).statusCode()).isEqualTo(404);
            assertThat(send("GET", storage.v1() + POD + "pay-1", null).statusCode()).isEqualTo(200);
        }
    }

    @Nested
    class OnAnInstanceField {
        @RegisterExtension
        final BcsStorageExtension storage = BcsStorageExtension.memory();

        @Test
        void startsForTheTest() throws Exception {
            assertThat(send("GET", storage.baseUrl() + "/readyz", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aMissingFixturesResourceIsNamed() {
        BcsStorageExtension storage = BcsStorageExtension.memory().seedResource("storage-fixtures.txt");
        storage.beforeAll(null);
        try {
            assertThatThrownBy(() -> storage.beforeEach(null)).hasMessageContaining("no classpath resource storage-fixtures.txt");
        } finally {
            storage.afterAll(null);
        }
    }
}
