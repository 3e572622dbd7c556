package com.bkbcs.storage.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store-guard options: defaults, flag over environment over file, and what is refused. */
class StoreGuardOptionsTest {
    private final Map<String, String> environment = new HashMap<>();

    @TempDir
    Path dir;

    private ServeCommand parse(String... args) {
        return ServeArguments.parse(environment, args);
    }

    @Test
    void defaultsAreFiveSecondsAHundredCallsOnMongoDbAndFiftyOnZooKeeper() {
        assertThat(parse().storeGuards()).isEqualTo(StoreGuardConfig.defaults());
        assertThat(StoreGuardConfig.defaults()).isEqualTo(new StoreGuardConfig(Duration.ofSeconds(5), 100, 50,
                Duration.ofMillis(250), Duration.ofSeconds(1)));
    }

    @Test
    void aFlagWinsOverTheEnvironmentWhichWinsOverTheFile() throws Exception {
        Path config = Files.writeString(dir.resolve("serve.properties"),
                "mongo-operation-timeout=1500\nmongo-max-concurrent-calls=20\nzk-max-concurrent-calls=7\n");
        environment.put("BCS_STORAGE_MONGO_MAX_CONCURRENT_CALLS", "30");

        StoreGuardConfig guards = parse("--config", config.toString(), "--zk-max-concurrent-calls", "9").storeGuards();

        assertThat(guards.mongoOperationTimeout()).isEqualTo(Duration.ofMillis(1_500));
        assertThat(guards.mongoMaxConcurrentCalls()).isEqualTo(30);
        assertThat(guards.zkMaxConcurrentCalls()).isEqualTo(9);
        assertThat(guards.mongoCheckTimeout()).as("a check never waits longer than a call may").isEqualTo(Duration.ofSeconds(1));
        assertThat(parse("--mongo-operation-timeout", "300").storeGuards().mongoCheckTimeout()).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void zeroOrNegativeValuesAreRefusedNamingTheOption() {
        assertThatThrownBy(() -> parse("--mongo-operation-timeout", "0").storeGuards())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--mongo-operation-timeout");
        assertThatThrownBy(() -> parse("--mongo-max-concurrent-calls", "0").storeGuards())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--mongo-max-concurrent-calls");
        assertThatThrownBy(() -> parse("--zk-max-concurrent-calls", "-3").storeGuards())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--zk-max-concurrent-calls");
    }
}
