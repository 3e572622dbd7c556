package com.bkbcs.storage.adapters.mongo;

import com.bkbcs.storage.domain.ErrorKind;
import com.bkbcs.storage.domain.StorageException;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BsonValuesTest {

    static Stream<Arguments> conversions() {
        return Stream.of(
                Arguments.of(7, 7, 7),
                Arguments.of(5_000_000_000L, 5_000_000_000L, 5_000_000_000L),
                Arguments.of(1.5, 1.5, 1.5),
                Arguments.of("text", "text", "text"),
                Arguments.of(true, true, true),
                Arguments.of(BigInteger.valueOf(42), 42L, 42L),
                Arguments.of(BigInteger.valueOf(Long.MIN_VALUE), Long.MIN_VALUE, Long.MIN_VALUE),
                Arguments.of(new BigInteger("9223372036854775808"), new Decimal128(new BigDecimal("9223372036854775808")),
                        new BigInteger("9223372036854775808")),
                Arguments.of(new BigDecimal("12.50"), new Decimal128(new BigDecimal("12.50")), new BigDecimal("12.50")),
                Arguments.of(new BigDecimal("100"), new Decimal128(new BigDecimal("100")), new BigInteger("100")),
                Arguments.of(2.5f, 2.5, 2.5),
                Arguments.of((short) 3, 3, 3),
                Arguments.of(Instant.parse("2024-01-01T00:00:00.123Z"), Date.from(Instant.parse("2024-01-01T00:00:00.123Z")),
                        Instant.parse("2024-01-01T00:00:00.123Z")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conversions")
    void convertsScalarsBothWays(Object value, Object bson, Object back) {
        assertThat(BsonValues.toBson(value)).isEqualTo(bson);
        assertThat(BsonValues.fromBson(bson)).isEqualTo(back);
    }

    @Test
    void encodesKeysAtEveryDepthAndDecodesThemBack() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("", null);
        inner.put("$x", List.of(Map.of("a.b", 1)));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("k.8s", inner);

        Object bson = BsonValues.toBson(data);

        assertThat(bson).isEqualTo(new Document("k%2E8s", new Document("%", null)
                .append("%24x", List.of(new Document("a%2Eb", 1)))));
        assertThat(BsonValues.fromBson(bson)).isEqualTo(data);
    }

    @Test
    void refusesNumbersDecimal128CannotHoldExactly() {
        BigDecimal tooPrecise = new BigDecimal("1.2345678901234567890123456789012345678901");

        assertThatThrownBy(() -> BsonValues.toBson(tooPrecise))
                .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.BAD_INPUT));
        assertThat(BsonValues.toBson(new BigDecimal("1E+400"))).isEqualTo(new Decimal128(new BigDecimal("1E+400")));
    }

    @Test
    void readsValuesItNeverWritesAsJson() {
        assertThat(BsonValues.fromBson(Decimal128.NaN)).isEqualTo("NaN");
        assertThat(BsonValues.fromBson(Decimal128.NEGATIVE_ZERO)).isEqualTo(BigInteger.ZERO);
        assertThat(BsonValues.fromBson(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
        assertThat(BsonValues.fromBson(new org.bson.types.ObjectId("65f1a2b3c4d5e6f708192a3b"))).isEqualTo("65f1a2b3c4d5e6f708192a3b");
    }
}
