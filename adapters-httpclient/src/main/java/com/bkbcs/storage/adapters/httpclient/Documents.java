package com.bkbcs.storage.adapters.httpclient;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Documents as plain trees ({@code Map}, {@code List}, strings, numbers, booleans, null) to and from
 * JSON and YAML. Decimals are read as {@code BigDecimal}, so a number is sent on with every digit it
 * was written with (the server keeps them, see docs/dynamic-data.md).
 */
public final class Documents {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    /** Two spaces, arrays one item a line, {@code "key": value}: as kubectl and jq print JSON. */
    private static final ObjectWriter PRETTY_JSON = JSON.writer(new DefaultPrettyPrinter()
            .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"))
            .withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"))
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)));
    private static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final TypeReference<Object> TREE = new TypeReference<>() {
    };

    private Documents() {
    }

    /** One line of JSON. */
    public static String toJson(Object tree) {
        try {
            return JSON.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of maps and lists is always JSON", e);
        }
    }

    /** Indented JSON, as {@code -o json} prints it. */
    public static String toPrettyJson(Object tree) {
        try {
            return PRETTY_JSON.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of maps and lists is always JSON", e);
        }
    }

    /** YAML without a document start marker, as {@code -o yaml} prints it. */
    public static String toYaml(Object tree) {
        try {
            return YAML.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of maps and lists is always YAML", e);
        }
    }

    /** One JSON value. */
    static Object parseJson(String json) throws JsonProcessingException {
        return JSON.readValue(json, TREE);
    }

    /**
     * Every document of a YAML stream ({@code ---} between documents) or of concatenated JSON values
     * (JSON is read by the YAML reader too); empty documents (a trailing {@code ---}) are skipped. {@code source} names the
     * input in the message of a failure.
     */
    public static List<Object> readAll(InputStream in, String source) {
        List<Object> documents = new ArrayList<>();
        try (MappingIterator<Object> values = YAML.readerFor(Object.class).readValues(in)) {
            while (values.hasNextValue()) {
                Object value = values.nextValue();
                if (value != null && !"".equals(value)) {
                    documents.add(value);
                }
            }
            return documents;
        } catch (IOException | RuntimeException e) {
            throw StorageClientException.invalidInput(source + ": not JSON or YAML: " + firstLine(e.getMessage()), e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asObject(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
