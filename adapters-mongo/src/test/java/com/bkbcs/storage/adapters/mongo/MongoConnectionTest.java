package com.bkbcs.storage.adapters.mongo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MongoConnectionTest {

    @Test
    void aMalformedUriIsAnIllegalArgument() {
        assertThatThrownBy(() -> MongoConnection.connect("http://example", "db"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("connection string");
    }
}
