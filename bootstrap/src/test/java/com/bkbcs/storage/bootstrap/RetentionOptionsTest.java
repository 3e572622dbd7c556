package com.bkbcs.storage.bootstrap;

import com.bkbcs.storage.domain.journal.RetentionPolicy;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The retention options: defaults, flags, environment variables, and 0 disabling a rule. */
class RetentionOptionsTest {
    private final Map<String, String> environment = new HashMap<>();

    private ServeCommand parse(String... args) {
        return ServeArguments.parse(environment, args);
    }

    @Test
    void defaultsAreFifteenDaysAndTenThousandPerCluster() {
        RetentionConfig retention = parse().retention();
        assertThat(retention.events()).isEqualTo(new RetentionPolicy(15, 10_000));
        assertThat(retention.alarms()).isEqualTo(new RetentionPolicy(15, 10_000));
    }

    @Test
    void flagsWinOverEnvironmentVariablesAndZeroDisables() {
        environment.put("BCS_STORAGE_EVENT_MAX_DAYS", "3");
        environment.put("BCS_STORAGE_EVENT_MAX_PER_CLUSTER", "500");
        environment.put("BCS_STORAGE_ALARM_MAX_DAYS", "0");
        environment.put("BCS_STORAGE_ALARM_MAX_PER_CLUSTER", "7");

        RetentionConfig retention = parse("--event-max-days", "30", "--alarm-max-per-cluster", "0").retention();

        assertThat(retention.events()).isEqualTo(new RetentionPolicy(30, 500));
        assertThat(retention.alarms()).isEqualTo(RetentionPolicy.KEEP_EVERYTHING);
        assertThat(retention.alarms().maxAge()).isEmpty();
        assertThat(retention.alarms().perClusterLimit()).isEmpty();
    }

    @Test
    void negativeValuesAreRefused() {
        assertThatThrownBy(() -> parse("--event-max-per-cluster", "-1").retention())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> parse("--alarm-max-days", "x"))
                .isInstanceOf(CommandLine.ParameterException.class);
    }
}
