package com.bkbcs.storage.adapters.mongo;

import com.bkbcs.storage.domain.query.FieldPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class FieldNameCodecTest {

    @ParameterizedTest(name = "[{0}] <-> [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            name                    | name
            app.kubernetes.io/name  | app%2Ekubernetes%2Eio/name
            $set                    | %24set
            pre$fix                 | pre%24fix
            100%                    | 100%25
            %                       | %25
            %2E                     | %252E
            %25                     | %2525
            .                       | %2E
            $                       | %24
            a.b$c%d                 | a%2Eb%24c%25d
            名字                     | 名字
            😀.x                    | 😀%2Ex
            ''                      | %
            """)
    void encodesAndDecodes(String key, String stored) {
        assertThat(FieldNameCodec.encode(key)).isEqualTo(stored);
        assertThat(FieldNameCodec.decode(stored)).isEqualTo(key);
    }

    @Test
    void encodesNul() {
        assertThat(FieldNameCodec.encode("a\u0000b")).isEqualTo("a%00b");
        assertThat(FieldNameCodec.decode("a%00b")).isEqualTo("a\u0000b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"50%", "%zz", "%2", "a%2", "%2e", "%4", "100%%"})
    void leavesPercentSignsItDidNotWriteAsTheyAre(String stored) {
        assertThat(FieldNameCodec.decode(stored)).isEqualTo(stored);
    }

    @Test
    void everyKeyRoundTripsAndEncodesToASafeNonEmptyName() {
        Random random = new Random(42);
        char[] alphabet = {'a', 'Z', '0', '.', '$', '%', '2', 'E', '4', '5', '\0', '/', '名', '\ud83d', '\ude00'};
        for (int n = 0; n < 20_000; n++) {
            StringBuilder key = new StringBuilder();
            int length = random.nextInt(8);
            for (int i = 0; i < length; i++) {
                key.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String encoded = FieldNameCodec.encode(key.toString());
            assertThat(FieldNameCodec.decode(encoded)).isEqualTo(key.toString());
            assertThat(encoded).isNotEmpty().doesNotContain(".", "$", "\u0000");
            if (!key.isEmpty()) {
                assertThat(encoded).isNotEqualTo(FieldNameCodec.EMPTY_KEY);
            }
        }
    }

    @Test
    void encodesPathsSegmentBySegment() {
        assertThat(FieldNameCodec.encodePath(FieldPath.of("data", "metadata", "labels", "app.kubernetes.io/name")))
                .isEqualTo("data.metadata.labels.app%2Ekubernetes%2Eio/name");
        assertThat(FieldNameCodec.encodePath(FieldPath.of("updateTime"))).isEqualTo("updateTime");
        assertThat(FieldNameCodec.encodePath(FieldPath.of("data", "a$b", "100%"))).isEqualTo("data.a%24b.100%25");
    }
}
