package com.bkbcs.storage.adapters.mongo;

import com.bkbcs.storage.domain.StorageException;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts the domain's JSON trees (plain maps, lists and scalars) to the values the driver's
 * {@link Document} codec writes, and back. Keys of every object met on the way are encoded with
 * {@link FieldNameCodec}. Numbers keep their kind where BSON has one (int32, int64, double); a
 * {@link BigInteger} outside the long range and every {@link BigDecimal} become Decimal128, which
 * reads back as a {@link BigInteger} when it has no fraction and a {@link BigDecimal} otherwise,
 * so values round-trip numerically equal and stay comparable by value inside MongoDB queries.
 */
final class BsonValues {
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private BsonValues() {
    }

    /**
     * The BSON-ready form of a JSON value. A number that Decimal128 cannot hold exactly (more than
     * 34 significant digits, or an exponent beyond its range) is refused as bad input rather than
     * silently rounded.
     */
    static Object toBson(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Double) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            Document document = new Document();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                document.put(FieldNameCodec.encode((String) entry.getKey()), toBson(entry.getValue()));
            }
            return document;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object element : list) {
                out.add(toBson(element));
            }
            return out;
        }
        if (value instanceof BigInteger big) {
            if (big.compareTo(LONG_MIN) >= 0 && big.compareTo(LONG_MAX) <= 0) {
                return big.longValue();
            }
            return decimal128(new BigDecimal(big));
        }
        if (value instanceof BigDecimal decimal) {
            return decimal128(decimal);
        }
        if (value instanceof Float || value instanceof Short || value instanceof Byte) {
            return toBson(value instanceof Float f ? (Object) f.doubleValue() : (Object) ((Number) value).intValue());
        }
        if (value instanceof Number number) {
            return decimal128(new BigDecimal(number.toString()));
        }
        if (value instanceof Instant instant) {
            return Date.from(instant);
        }
        throw StorageException.badInput("not a JSON value: " + value.getClass().getSimpleName());
    }

    /** The JSON value of what the driver read: keys decoded, Decimal128 as a big number, dates as instants. */
    static Object fromBson(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long) {
            return value;
        }
        if (value instanceof Double d) {
            return Double.isFinite(d) ? d : d.toString();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>(Math.max(4, map.size() * 2));
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.put(FieldNameCodec.decode((String) entry.getKey()), fromBson(entry.getValue()));
            }
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object element : list) {
                out.add(fromBson(element));
            }
            return out;
        }
        if (value instanceof Decimal128 decimal) {
            return fromDecimal128(decimal);
        }
        if (value instanceof Date date) {
            return date.toInstant();
        }
        if (value instanceof ObjectId id) {
            return id.toHexString();
        }
        // Types this adapter never writes (binary, regex, timestamps...): keep their text form.
        return value.toString();
    }

    private static Decimal128 decimal128(BigDecimal value) {
        try {
            return new Decimal128(value);
        } catch (NumberFormatException e) {
            throw StorageException.badInput("the number " + abbreviated(value) + " cannot be stored exactly: "
                    + "at most 34 significant digits and exponents within Decimal128's range are supported");
        }
    }

    private static Object fromDecimal128(Decimal128 decimal) {
        if (decimal.isNaN() || decimal.isInfinite()) {
            return decimal.toString();
        }
        if (decimal.isNegative() && decimal.equals(Decimal128.NEGATIVE_ZERO)) {
            return BigInteger.ZERO;
        }
        BigDecimal value;
        try {
            value = decimal.bigDecimalValue();
        } catch (ArithmeticException negativeZeroWithExponent) {
            return BigDecimal.ZERO;
        }
        return value.scale() == 0 ? value.toBigIntegerExact() : value;
    }

    private static String abbreviated(BigDecimal value) {
        String text = value.toString();
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
