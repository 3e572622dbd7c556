package com.bkbcs.storage.adapters.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpSettingsTest {

    @Test
    void defaultsToEightMebibyteBodies() {
        assertThat(new HttpSettings(8080).maxBodyBytes()).isEqualTo(8L * 1024 * 1024);
    }

    @ParameterizedTest
    @CsvSource({"-1, 1024", "65536, 1024", "0, 0", "0, -5", "0, 2147483647"})
    void rejectsImpossibleSettings(int port, long maxBodyBytes) {
        assertThatThrownBy(() -> new HttpSettings(port, maxBodyBytes)).isInstanceOf(IllegalArgumentException.class);
    }
}
