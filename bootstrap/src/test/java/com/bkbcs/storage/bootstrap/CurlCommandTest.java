package com.bkbcs.storage.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CurlCommandTest {
    @Test
    void readsMethodHeadersBodyAndUrlAsCurlDoes() {
        CurlCommand curl = CurlCommand.parse("curl -s -X PUT localhost:8080/bcsstorage/v1/events -H 'Content-Type: application/json'"
                + " -d '{\"id\":\"a b\"}'");

        assertThat(curl).isEqualTo(new CurlCommand("PUT", "/bcsstorage/v1/events", Map.of("Content-Type", "application/json"),
                Optional.of("{\"id\":\"a b\"}"), false));
    }

    @Test
    void aBodyWithoutMethodIsAFormPostAsInCurl() {
        CurlCommand curl = CurlCommand.parse("curl --data-binary x http://localhost:8080/a");

        assertThat(curl.method()).isEqualTo("POST");
        assertThat(curl.headers()).containsEntry("Content-Type", "application/x-www-form-urlencoded");
        assertThat(curl.pathAndQuery()).isEqualTo("/a");
    }

    @Test
    void combinedFlagsContinuationLinesAndDoubleQuotes() {
        CurlCommand curl = CurlCommand.parse("curl -si -XDELETE \\\n    \"localhost:8080/a?b=\\\"c\\\"\"");

        assertThat(curl.include()).isTrue();
        assertThat(curl.method()).isEqualTo("DELETE");
        assertThat(curl.pathAndQuery()).isEqualTo("/a?b=\"c\"");
        assertThat(curl.body()).isEmpty();
    }

    @Test
    void runsPrintfIntoBase64AsBashDoes() {
        CurlCommand curl = CurlCommand.parse("curl -s \"localhost:8080/p?extra=$(printf '{\"a\\uff0eb\":1}' | base64 -w0)&field=x\"");

        String extra = curl.pathAndQuery().replaceAll(".*extra=([^&]*)&.*", "$1");
        assertThat(new String(Base64.getDecoder().decode(extra), UTF_8)).isEqualTo("{\"a\uff0eb\":1}");
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " :: ", textBlock = """
            curl -o out localhost:8080/a :: unsupported curl option -o
            curl --compressed localhost:8080/a :: unsupported curl option --compressed
            curl -sv localhost:8080/a :: unsupported curl option -sv
            curl -d @body.json localhost:8080/a :: a body read from a file
            curl -d a -d b localhost:8080/a :: more than one body
            curl localhost:8080/a localhost:8080/b :: more than one URL
            curl -s :: no URL
            curl example.com:8080/a :: the URL must be on localhost:8080
            curl -H 'Authorization: Bearer $TOKEN' $STORAGE/a :: variables
            curl "localhost:8080/a?t=$(cat token)" :: unsupported command substitution
            curl localhost:8080/a > out :: unsupported shell syntax '>'
            curl localhost:8080/a | jq :: unsupported shell syntax '|'
            curl 'localhost:8080/a :: unterminated single quote
            curl -H nocolon localhost:8080/a :: header is not 'Name: value'
            wget localhost:8080/a :: not a curl command
            """)
    void refusesWhatItDoesNotRun(String command, String message) {
        assertThatThrownBy(() -> CurlCommand.parse(command)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void printfEscapes() {
        assertThat(CurlCommand.printf("a\\tb\\n\\\\ 100%% \\u00e9")).isEqualTo("a\tb\n\\ 100% \u00e9");
        assertThatThrownBy(() -> CurlCommand.printf("%s")).hasMessageContaining("printf directives");
    }
}
