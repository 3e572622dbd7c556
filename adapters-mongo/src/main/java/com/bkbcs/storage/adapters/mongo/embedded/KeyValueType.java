package com.bkbcs.storage.adapters.mongo.embedded;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Keys of the unique indexes ({@code _id} above all) as H2 stores them. Without it H2 takes a
 * {@link KeyValue} for an unknown object and compares two keys by Java-serializing both, at every
 * step of every B-tree search: a quarter of the CPU of a storm of reads by {@code _id}. Here keys
 * are compared as mongo-java-server compares values, and written compactly: strings, numbers and
 * booleans as such, anything else (ids of other types, documents) Java-serialized.
 */
final class KeyValueType extends BasicDataType<KeyValue> {
    static final KeyValueType INSTANCE = new KeyValueType();

    private static final byte NULL = 0;
    private static final byte STRING = 1;
    private static final byte DOUBLE = 2;
    private static final byte LONG = 3;
    private static final byte TRUE = 4;
    private static final byte FALSE = 5;
    private static final byte SERIALIZED = 6;

    private static final Comparator<Object> VALUES = ValueComparator.asc();

    private KeyValueType() {
    }

    @Override
    public int compare(KeyValue a, KeyValue b) {
        int common = Math.min(a.size(), b.size());
        for (int i = 0; i < common; i++) {
            int order = VALUES.compare(a.get(i), b.get(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    @Override
    public int getMemory(KeyValue key) {
        int memory = 48;
        for (Object value : key) {
            memory += value instanceof String text ? 40 + 2 * text.length() : 64;
        }
        return memory;
    }

    @Override
    public void write(WriteBuffer buffer, KeyValue key) {
        buffer.putVarInt(key.size());
        for (Object value : key) {
            if (value == null) {
                buffer.put(NULL);
            } else if (value instanceof String text) {
                buffer.put(STRING).putVarInt(text.length()).putStringData(text, text.length());
            } else if (value instanceof Double number) {
                buffer.put(DOUBLE).putDouble(number);
            } else if (value instanceof Long number) {
                buffer.put(LONG).putLong(number);
            } else if (value instanceof Boolean bool) {
                buffer.put(bool ? TRUE : FALSE);
            } else {
                byte[] bytes = serialize(value);
                buffer.put(SERIALIZED).putVarInt(bytes.length).put(bytes);
            }
        }
    }

    @Override
    public KeyValue read(ByteBuffer buffer) {
        int size = DataUtils.readVarInt(buffer);
        List<Object> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            byte tag = buffer.get();
            values.add(switch (tag) {
                case NULL -> null;
                case STRING -> DataUtils.readString(buffer, DataUtils.readVarInt(buffer));
                case DOUBLE -> buffer.getDouble();
                case LONG -> buffer.getLong();
                case TRUE -> Boolean.TRUE;
                case FALSE -> Boolean.FALSE;
                case SERIALIZED -> {
                    byte[] bytes = new byte[DataUtils.readVarInt(buffer)];
                    buffer.get(bytes);
                    yield deserialize(bytes);
                }
                default -> throw new IllegalStateException("unknown key value tag " + tag);
            });
        }
        return new KeyValue(values);
    }

    @Override
    public KeyValue[] createStorage(int size) {
        return new KeyValue[size];
    }

    private static byte[] serialize(Object value) {
        if (!(value instanceof Serializable)) {
            throw new IllegalArgumentException("cannot store a key value of " + value.getClass());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static Object deserialize(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("a stored key of an unknown class", e);
        }
    }
}
