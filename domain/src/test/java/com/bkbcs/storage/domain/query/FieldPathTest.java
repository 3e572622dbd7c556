package com.bkbcs.storage.domain.query;

import com.bkbcs.storage.domain.StorageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldPathTest {

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("resourceName", List.of("resourceName")),
                Arguments.of("data.metadata.name", List.of("data", "metadata", "name")),
                Arguments.of("data.metadata.labels.app\uff0ekubernetes\uff0eio/name",
                        List.of("data", "metadata", "labels", "app.kubernetes.io/name")),
                Arguments.of("data.名字", List.of("data", "名字")),
                Arguments.of("data.a$b", List.of("data", "a$b")),
                Arguments.of("data.\uff04set.x", List.of("data", "$set", "x")),
                Arguments.of("data.a\uff04", List.of("data", "a\uff04")));
    }

    @ParameterizedTest
    @MethodSource("valid")
    void parsesDottedText(String text, List<String> segments) {
        FieldPath path = FieldPath.parse(text);
        assertThat(path.segments()).isEqualTo(segments);
        assertThat(FieldPath.parse(path.toString())).isEqualTo(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "data.", ".data", "data..name", "$where", "data.$gt", "data.metadata.$ne"})
    void rejectsEmptySegmentsAndOperators(String text) {
        assertThatThrownBy(() -> FieldPath.parse(text)).isInstanceOf(StorageException.class);
    }

    @Test
    void prefixes() {
        assertThat(FieldPath.parse("data").isPrefixOf(FieldPath.parse("data.metadata"))).isTrue();
        assertThat(FieldPath.parse("data.metadata").isPrefixOf(FieldPath.parse("data.metadata"))).isTrue();
        assertThat(FieldPath.parse("data.meta").isPrefixOf(FieldPath.parse("data.metadata"))).isFalse();
        assertThat(FieldPath.parse("data.metadata").isPrefixOf(FieldPath.parse("data"))).isFalse();
    }
}
