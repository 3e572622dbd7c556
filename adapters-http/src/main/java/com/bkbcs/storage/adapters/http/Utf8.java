package com.bkbcs.storage.adapters.http;

import com.bkbcs.storage.domain.StorageException;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict text decoding: malformed UTF-8 or percent-encoding is bad input, never silently replaced
 * (a filter value that decoded to nothing would widen a batch delete to everything).
 */
final class Utf8 {
    private Utf8() {
    }

    /** Fails unless {@code bytes} are well-formed UTF-8 (overlong forms and lone surrogates included). */
    static void require(byte[] bytes, String what) {
        CharsetDecoder decoder = decoder();
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                throw StorageException.badInput(what + " is not valid UTF-8");
            }
            if (result.isUnderflow()) {
                return;
            }
            out.clear();
        }
    }

    /**
     * Parses a raw query string ({@code a=1&b=x%20y+z}) as forms are encoded: '&' separates
     * parameters, '+' is a space, percent escapes are UTF-8 bytes. Repeated names keep every value,
     * in order.
     */
    static Map<String, List<String>> parseQuery(String raw) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return parameters;
        }
        for (String pair : raw.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decodeComponent(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decodeComponent(pair.substring(equals + 1));
            parameters.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value);
        }
        return parameters;
    }

    private static String decodeComponent(String encoded) {
        if (encoded.indexOf('%') < 0 && encoded.indexOf('+') < 0) {
            return encoded;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                int high = i + 1 < encoded.length() ? Character.digit(encoded.charAt(i + 1), 16) : -1;
                int low = i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 2), 16) : -1;
                if (high < 0 || low < 0) {
                    throw badEscape(encoded);
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else {
                byte[] literal = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < encoded.length()) {
                    literal = encoded.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.writeBytes(literal);
            }
        }
        try {
            return decoder().decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw StorageException.badInput("the query string is not valid UTF-8: " + encoded);
        }
    }

    private static StorageException badEscape(String encoded) {
        return StorageException.badInput("the query string has a malformed percent escape: " + encoded);
    }

    private static CharsetDecoder decoder() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }
}
