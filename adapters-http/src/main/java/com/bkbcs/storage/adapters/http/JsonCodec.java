package com.bkbcs.storage.adapters.http;

import com.bkbcs.storage.domain.JsonTree;
import com.bkbcs.storage.domain.StorageException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;

/**
 * JSON in and out of the HTTP adapter. Request JSON becomes plain Java values (the domain's
 * {@code JsonTree} shape: {@code LinkedHashMap}, {@code ArrayList}, {@code String}, a
 * {@code Number}, {@code Boolean}, {@code null}), decimals read by the domain's one number policy
 * ({@link JsonTree#decimal}: a double when exact, else a {@code BigDecimal}, as the ZooKeeper
 * adapter reads them; at the door, a decimal of more than 34 significant digits is read as the
 * nearest double, since no store keeps more exactly, and a number beyond the range of a double,
 * which no Go agent can send, is bad input); stored times ({@link Instant}) go out as RFC 3339
 * UTC with exactly three fraction digits, {@code 2018-03-14T10:01:38.892Z}.
 */
final class JsonCodec {
    /** Significant digits of a decimal every store keeps exactly (MongoDB's Decimal128 holds 34). */
    static final int MAX_EXACT_DIGITS = 34;
    static final String CONTENT_TYPE = "application/json; charset=utf-8";
    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.AUTO_CLOSE_CONTENT)
            .addModule(new SimpleModule("bcs-storage-times").addSerializer(Instant.class, new InstantSerializer()))
            .build();

    /** Parses a JSON text into plain Java values; anything that is not exactly one JSON value is bad input. */
    Object parse(byte[] json, String what) {
        Utf8.require(json, what);
        try {
            return decimals(mapper.readValue(json, Object.class));
        } catch (JsonProcessingException e) {
            throw StorageException.badInput(what + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw StorageException.badInput(what + " could not be read: " + e.getMessage());
        }
    }

    /** The tree with every {@code BigDecimal} read as {@link JsonTree#decimal} says, in place. */
    @SuppressWarnings("unchecked")
    private static Object decimals(Object value) {
        if (value instanceof BigDecimal decimal) {
            double d = decimal.doubleValue();
            if (Double.isInfinite(d)) {
                // the agents decode numbers as Go float64s: what they cannot hold is refused at the door
                throw StorageException.badInput("numbers must be finite");
            }
            // more digits than every store keeps exactly (MongoDB's Decimal128: 34): the nearest double
            return decimal.precision() > MAX_EXACT_DIGITS ? (Number) d : JsonTree.decimal(decimal);
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<String, Object> entry : ((Map<String, Object>) map).entrySet()) {
                Object element = entry.getValue();
                if (element instanceof BigDecimal || element instanceof Map || element instanceof List) {
                    entry.setValue(decimals(element));
                }
            }
        } else if (value instanceof List<?> list) {
            ListIterator<Object> elements = ((List<Object>) list).listIterator();
            while (elements.hasNext()) {
                Object element = elements.next();
                if (element instanceof BigDecimal || element instanceof Map || element instanceof List) {
                    elements.set(decimals(element));
                }
            }
        }
        return value;
    }

    byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a response as JSON", e);
        }
    }

    /**
     * Writes a success envelope whose {@code data} is the array of {@code items}, one item at a
     * time, so a long list is never held in memory as a whole. Leaves {@code out} open. When
     * {@code items} fails part way, nothing more is written or flushed, so the output is never a
     * well-formed list that silently lacks items.
     */
    void writeList(OutputStream out, Iterator<?> items) throws IOException {
        writeList(out, items, Map.of());
    }

    /**
     * As {@link #writeList(OutputStream, Iterator)}, with the envelope members {@code after}
     * ({@code total}, {@code revision}) after {@code data}.
     */
    void writeList(OutputStream out, Iterator<?> items, Map<String, Long> after) throws IOException {
        JsonGenerator generator = mapper.createGenerator(out);
        generator.writeStartObject();
        generator.writeBooleanField("result", true);
        generator.writeNumberField("code", 0);
        generator.writeStringField("message", EnvelopeJson.SUCCESS);
        generator.writeArrayFieldStart("data");
        while (items.hasNext()) {
            mapper.writeValue(generator, items.next());
        }
        generator.writeEndArray();
        for (Map.Entry<String, Long> member : after.entrySet()) {
            generator.writeNumberField(member.getKey(), member.getValue());
        }
        generator.writeEndObject();
        generator.close();
    }

    private static final class InstantSerializer extends StdSerializer<Instant> {
        InstantSerializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(TIME.format(value));
        }
    }
}
