package com.bkbcs.storage.adapters.mongo.embedded;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class KeyValueTypeTest {

    @Test
    void keysOfEveryKindComeBackFromTheFileAndAreFoundByValue(@TempDir Path dir) {
        String file = dir.resolve("keys.mv").toString();
        ObjectId objectId = new ObjectId();
        KeyValue[] keys = {
                new KeyValue("c1/ns/Pod/p"), new KeyValue(42.0), new KeyValue(Long.MAX_VALUE), new KeyValue(true),
                new KeyValue((Object) null), new KeyValue(objectId), new KeyValue("c1", "ns"), new KeyValue("\u0000é漢字")};
        try (MVStore store = MVStore.open(file)) {
            MVMap<KeyValue, Object> map = store.openMap("keys", new MVMap.Builder<KeyValue, Object>().keyType(KeyValueType.INSTANCE));
            for (int i = 0; i < keys.length; i++) {
                map.put(keys[i], "position-" + i);
            }
            store.commit();
        }
        try (MVStore store = MVStore.open(file)) {
            MVMap<KeyValue, Object> map = store.openMap("keys", new MVMap.Builder<KeyValue, Object>().keyType(KeyValueType.INSTANCE));
            for (int i = 0; i < keys.length; i++) {
                assertThat(map.get(keys[i])).as("key %s", keys[i]).isEqualTo("position-" + i);
            }
            assertThat(map.keySet()).containsExactlyInAnyOrder(keys);
            assertThat(map.get(new KeyValue("c1/ns/Pod/q"))).isNull();
            assertThat(map.get(new KeyValue("c1"))).as("a shorter key is another key").isNull();
        }
    }

    @Test
    void keysAreOrderedAsMongoOrdersValues() {
        KeyValue[] sorted = {new KeyValue((Object) null), new KeyValue(-1.0), new KeyValue(2L), new KeyValue(10.5),
                new KeyValue("a"), new KeyValue("b"), new KeyValue("b", "a")};
        KeyValue[] shuffled = {sorted[4], sorted[6], sorted[0], sorted[3], sorted[5], sorted[1], sorted[2]};

        Arrays.sort(shuffled, KeyValueType.INSTANCE::compare);

        assertThat(shuffled).containsExactly(sorted);
    }
}
