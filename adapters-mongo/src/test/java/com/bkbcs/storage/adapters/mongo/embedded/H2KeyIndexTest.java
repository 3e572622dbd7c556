package com.bkbcs.storage.adapters.mongo.embedded;

import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class H2KeyIndexTest {
    private final MVStore store = MVStore.open(null);
    private final H2KeyIndex index = new H2KeyIndex(
            store.openMap("ids", new MVMap.Builder<KeyValue, Object>().keyType(KeyValueType.INSTANCE)), "_id_",
            List.of(new IndexKey("_id", true)), false);

    @AfterEach
    void close() {
        store.close();
    }

    private void ids(Object... ids) {
        for (Object id : ids) {
            index.add(new Document("_id", id), id, null);
        }
    }

    private Iterable<Object> matching(String pattern) {
        return index.getPositions(new Document("_id", new BsonRegularExpression(pattern, "")));
    }

    @Test
    void anAnchoredScopeReadsTheKeysWithItsPrefix() {
        ids("c1/ns/Pod/a", "c1/ns/Pod/b", "c1/ns2/Pod/c", "c1/Node/n1", "c1/Node/n1/x", "c10/ns/Pod/d", "c1.ns/Pod/e",
                42.0, "b/c1/ns/Pod/f");

        assertThat(matching("^c1/ns/Pod/")).containsExactly("c1/ns/Pod/a", "c1/ns/Pod/b");
        assertThat(matching("^c1/")).containsExactly("c1/Node/n1", "c1/Node/n1/x", "c1/ns/Pod/a", "c1/ns/Pod/b",
                "c1/ns2/Pod/c");
        assertThat(matching("^c1/Node/[^/]*$")).containsExactly("c1/Node/n1");
        assertThat(matching("^c1\\.ns/")).containsExactly("c1.ns/Pod/e");
    }

    @Test
    void patternsThatAreNotOnePrefixMatchAsBefore() {
        ids("c1/ns/Pod/a", "c2/ns/Pod/b", "b/c2/x");

        assertThat(matching("^c1/|c2")).containsExactlyInAnyOrder("c1/ns/Pod/a", "c2/ns/Pod/b", "b/c2/x");
        assertThat(matching("c2/")).containsExactlyInAnyOrder("c2/ns/Pod/b", "b/c2/x");
        assertThat(matching("^c?2")).containsExactly("c2/ns/Pod/b");
        assertThat(index.getPositions(new Document("_id", new BsonRegularExpression("^C1/", "i"))))
                .containsExactly("c1/ns/Pod/a");
    }

    @Test
    void boundsOnTheKeyReadThatRangeOfOneType() {
        ids(1.0, 2.0, 3.0, 4.0, 5.0, 1L << 60, "2", "a", null);

        assertThat(index.canHandle(new Document("_id", new Document("$gt", 1L).append("$lte", 4L)))).isTrue();
        assertThat(index.getPositions(new Document("_id", new Document("$gt", 1L).append("$lte", 4L))))
                .containsExactly(1.0, 2.0, 3.0, 4.0); // bounds inclusive: the collection applies $gt itself
        assertThat(index.getPositions(new Document("_id", new Document("$gte", 5)))).containsExactly(5.0, 1L << 60);
        assertThat(index.getPositions(new Document("_id", new Document("$lt", 2.5)))).containsExactly(1.0, 2.0);
        assertThat(index.getPositions(new Document("_id", new Document("$gte", "1")))).containsExactly("2", "a");
        assertThat(index.canHandle(new Document("_id", new Document("$gt", 1).append("$lt", "z")))).isFalse();
        assertThat(index.canHandle(new Document("_id", new Document("$ne", 1)))).isFalse();
    }

    @Test
    void theLiteralPrefixStopsAtTheFirstOperator() {
        assertThat(H2KeyIndex.literalPrefix("^c1/ns/Pod/")).isEqualTo("c1/ns/Pod/");
        assertThat(H2KeyIndex.literalPrefix("^c1\\-x\\.y/")).isEqualTo("c1-x.y/");
        assertThat(H2KeyIndex.literalPrefix("^c1/type/[^/]*$")).isEqualTo("c1/type/");
        assertThat(H2KeyIndex.literalPrefix("^ab?c")).isEqualTo("a");
        assertThat(H2KeyIndex.literalPrefix("^ab*")).isEqualTo("a");
        assertThat(H2KeyIndex.literalPrefix("^ab+")).isEqualTo("ab");
        assertThat(H2KeyIndex.literalPrefix("^a\\d")).isEqualTo("a");
        assertThat(H2KeyIndex.literalPrefix("^(ab)")).isEmpty();
    }
}
