package com.bkbcs.storage.adapters.http;

import com.bkbcs.storage.domain.ErrorKind;
import com.bkbcs.storage.domain.StorageException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Utf8Test {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a=1&b=2                | {a=[1], b=[2]}",
            "a=1&a=2&a=             | {a=[1, 2, ]}",
            "flag&b=                | {flag=[], b=[]}",
            "&&a=1&                 | {a=[1]}",
            "x=a+b%2Bc%20d          | {x=[a b+c d]}",
            "%E4%BD%A0=%E5%A5%BD    | {你=[好]}",
            "e=a%3Db=c              | {e=[a=b=c]}",
            "z=%F0%9F%98%80         | {z=[😀]}",
            "'raw=你'               | {raw=[你]}",
    })
    void parsesQueryStringsAsFormsAreEncoded(String raw, String expected) {
        Map<String, List<String>> parsed = Utf8.parseQuery(raw);
        assertThat(parsed.toString()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"a=%ZZ", "a=%2", "a=%", "%G0=1", "a=%C0%AF", "a=%E4%BD", "a=%FF", "a=%ED%A0%80"})
    void rejectsMalformedEscapesAndUtf8(String raw) {
        assertThatThrownBy(() -> Utf8.parseQuery(raw))
                .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.BAD_INPUT));
    }
}
