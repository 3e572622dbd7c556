package com.bkbcs.storage.domain.query;

import com.bkbcs.storage.domain.StorageException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeBoundTest {

    @ParameterizedTest
    @CsvSource({
            "1509423130,                     2017-10-31T04:12:10Z",
            "0,                              1970-01-01T00:00:00Z",
            "-62135596800,                   0001-01-01T00:00:00Z",
            "2017-10-16 07:34:50,            2017-10-16T07:34:50Z",
            "2017-10-16T07:34:52Z,           2017-10-16T07:34:52Z",
            "2017-10-09T15:37:44+08:00,      2017-10-09T07:37:44Z",
            "2018-03-14T10:01:38.892Z,       2018-03-14T10:01:38.892Z",
            "2017-10-09T07:37:45.690518395Z, 2017-10-09T07:37:45.690518395Z"})
    void parsesEveryAcceptedForm(String text, String expected) {
        assertThat(TimeBound.parse("timeBegin", text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2017-10-16", "2017-13-16 07:34:50", "1509423130.5", "2017-10-16T07:34:52",
            "12345678901234"})
    void rejectsAnythingElse(String text) {
        assertThatThrownBy(() -> TimeBound.parse("updateTimeBegin", text))
                .isInstanceOf(StorageException.class)
                .hasMessageStartingWith("updateTimeBegin is not a time");
    }
}
