package com.bkbcs.storage.bootstrap;

import com.bkbcs.storage.adapters.http.QueryLimits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The options that bound a request's cost: documented defaults, flags and variables, bad values refused. */
class RequestOptionsTest {
    private final Map<String, String> environment = new HashMap<>();

    private ServeCommand parse(String... args) {
        return ServeArguments.parse(environment, args);
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        RequestConfig requests = parse().requests();
        assertThat(requests.limits()).isEqualTo(new QueryLimits(100, 1000, 50, 100, 65_536)).isEqualTo(QueryLimits.DEFAULTS);
        assertThat(requests.readTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void flagsWinOverEnvironmentVariables() {
        environment.put("BCS_STORAGE_MAX_VALUES", "20");
        environment.put("BCS_STORAGE_READ_TIMEOUT", "750");
        environment.put("BCS_STORAGE_MAX_QUERY_BYTES", "1024");
        RequestConfig requests = parse("--max-field-paths", "7", "--max-query-bytes", "2048", "--max-filter-parameters", "3",
                "--max-extra-conditions", "4").requests();
        assertThat(requests.limits()).isEqualTo(new QueryLimits(7, 20, 3, 4, 2048));
        assertThat(requests.readTimeout()).isEqualTo(Duration.ofMillis(750));
    }

    @Test
    void zeroAndNegativeValuesAreRefusedNamingTheOption() {
        assertThatThrownBy(() -> parse("--max-values", "0").requests()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--max-values must be at least 1: 0");
        assertThatThrownBy(() -> parse("--max-field-paths", "-1").requests()).hasMessageContaining("--max-field-paths");
        assertThatThrownBy(() -> parse("--read-timeout", "0").requests()).hasMessageContaining("--read-timeout");
    }
}
