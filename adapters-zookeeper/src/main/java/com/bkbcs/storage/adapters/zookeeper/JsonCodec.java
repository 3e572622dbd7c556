package com.bkbcs.storage.adapters.zookeeper;

import com.bkbcs.storage.domain.ErrorKind;
import com.bkbcs.storage.domain.JsonTree;
import com.bkbcs.storage.domain.StorageException;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The znode value: the UTF-8 JSON text of the data, written compactly with characters outside the
 * BMP as plain UTF-8 (a lone surrogate, which has no UTF-8 form, is written as a {@code \\u} escape).
 * Reading gives back the plain tree the domain uses: integers as {@code Integer}, {@code Long} or
 * {@code BigInteger} by size; decimals as the domain's one number policy reads them
 * ({@link JsonTree#decimal}), as the HTTP adapter does.
 */
final class JsonCodec {
    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    byte[] encode(Object data) {
        try {
            return mapper.writeValueAsBytes(data);
        } catch (JacksonException e) {
            throw StorageException.badInput("data cannot be written as JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * The data a znode holds.
     *
     * @throws StorageException INTERNAL when the bytes are not JSON (a node some other program wrote)
     */
    Object decode(byte[] bytes, String path) {
        if (bytes == null || bytes.length == 0) {
            throw new StorageException(ErrorKind.INTERNAL, "znode " + path + " holds no JSON");
        }
        try {
            return plain(mapper.readTree(bytes));
        } catch (IOException e) {
            throw new StorageException(ErrorKind.INTERNAL, "znode " + path + " does not hold JSON", e);
        }
    }

    private static Object plain(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>(Math.max(4, node.size() * 2));
                for (Map.Entry<String, JsonNode> member : node.properties()) {
                    map.put(member.getKey(), plain(member.getValue()));
                }
                yield map;
            }
            case ARRAY -> {
                List<Object> list = new ArrayList<>(node.size());
                for (JsonNode element : node) {
                    list.add(plain(element));
                }
                yield list;
            }
            case STRING -> node.textValue();
            case BOOLEAN -> node.booleanValue();
            case NUMBER -> node.isIntegralNumber() ? node.numberValue() : decimal(node.decimalValue());
            case NULL -> null;
            default -> throw new StorageException(ErrorKind.INTERNAL, "unexpected JSON node " + node.getNodeType());
        };
    }

    private static Number decimal(BigDecimal value) {
        return JsonTree.decimal(value);
    }
}
