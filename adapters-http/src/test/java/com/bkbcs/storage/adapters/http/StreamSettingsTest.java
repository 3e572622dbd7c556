package com.bkbcs.storage.adapters.http;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamSettingsTest {

    @Test
    void defaultsAreAThousandStreamsATenSecondWriteTimeoutAndBookmarksWithinTheContractsTenSeconds() {
        assertThat(new HttpSettings(0).streams()).isEqualTo(new StreamSettings(1000, Duration.ofSeconds(10),
                Duration.ofSeconds(5)));
    }

    @Test
    void rejectsImpossibleSettings() {
        StreamSettings defaults = StreamSettings.DEFAULTS;
        assertThatThrownBy(() -> defaults.withMaxStreams(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--watch-max");
        assertThatThrownBy(() -> defaults.withWriteTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withBookmarkInterval(Duration.ofSeconds(11)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(defaults.withBookmarkInterval(Duration.ofSeconds(10)).bookmarkInterval()).isEqualTo(Duration.ofSeconds(10));
    }
}
