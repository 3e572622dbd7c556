package com.bkbcs.storage.domain.watch;

import com.bkbcs.storage.domain.Env;
import com.bkbcs.storage.domain.ErrorKind;
import com.bkbcs.storage.domain.StorageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WatchKeyTest {

    @ParameterizedTest
    @ValueSource(strings = {"BCS-K8S-40000", "kube-system", "app.kubernetes.io", "...", ".x", "x.", "名字", "a:b@c", "%2F", "\uf900"})
    void acceptsNamesThatArePathSafe(String name) {
        WatchKey key = new WatchKey(Env.K8S, name, name, name, name);
        assertThat(key.entryName()).isEqualTo(name + "." + name);
    }

    static Stream<Arguments> badNames() {
        return Stream.of(
                Arguments.of("", "must not be empty"),
                Arguments.of("a".repeat(254), "longer than 253"),
                Arguments.of("a/b", "must not contain '/'"),
                Arguments.of("$x", "must not contain '$'"),
                Arguments.of("a\u0000b", "control characters"),
                Arguments.of("a\u0085b", "control characters"),
                Arguments.of(".", "must not be '.'"),
                Arguments.of("..", "must not be '..'"),
                Arguments.of("emoji\ud83d\ude00", "U+D83D"),
                Arguments.of("private\ue000", "U+E000"),
                Arguments.of("special\ufff0", "U+FFF0"),
                Arguments.of("bom\uffff", "U+FFFF"));
    }

    @ParameterizedTest
    @MethodSource("badNames")
    void rejectsEveryBadSegmentAsBadInputNamingIt(String bad, String why) {
        for (String what : new String[] {"clusterId", "namespace", "resourceType", "resourceName"}) {
            String[] parts = {"c", "ns", "Pod", "p"};
            int index = Arrays.asList("clusterId", "namespace", "resourceType", "resourceName").indexOf(what);
            parts[index] = bad;
            assertThatThrownBy(() -> new WatchKey(Env.MESOS, parts[0], parts[1], parts[2], parts[3]))
                    .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.BAD_INPUT))
                    .hasMessageStartingWith(what + " ")
                    .hasMessageContaining(why);
        }
        assertThatThrownBy(() -> new WatchScope(Env.MESOS, "c", bad, "Pod"))
                .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.BAD_INPUT))
                .hasMessageStartingWith("namespace ");
    }

    @Test
    void envIsSpelledAsInRoutes() {
        assertThat(Env.of("mesos")).isEqualTo(Env.MESOS);
        assertThat(Env.of("k8s")).isEqualTo(Env.K8S);
        assertThat(Env.K8S.segment()).isEqualTo("k8s");
        assertThatThrownBy(() -> Env.of("K8S")).isInstanceOfSatisfying(StorageException.class,
                e -> assertThat(e.kind()).isEqualTo(ErrorKind.BAD_INPUT));
    }

    @Test
    void aScopeContainsTheEntriesOfItsNamespaceTypeClusterAndEnvOnly() {
        WatchScope scope = new WatchScope(Env.K8S, "c1", "ns", "Pod");
        assertThat(scope.contains(new WatchKey(Env.K8S, "c1", "ns", "Pod", "p"))).isTrue();
        assertThat(scope.contains(new WatchKey(Env.K8S, "c1", "ns", "Pod", "p.with.dots"))).isTrue();
        assertThat(scope.contains(new WatchKey(Env.MESOS, "c1", "ns", "Pod", "p"))).isFalse();
        assertThat(scope.contains(new WatchKey(Env.K8S, "c2", "ns", "Pod", "p"))).isFalse();
        assertThat(scope.contains(new WatchKey(Env.K8S, "c1", "ns", "pod", "p"))).isFalse();
        assertThat(scope.contains(new WatchKey(Env.K8S, "c1", "ns2", "Pod", "p"))).isFalse();
        assertThat(scope.contains(new WatchKey(Env.K8S, "c1", "n", "Pod", "s.p"))).isFalse();
        assertThat(new WatchKey(Env.K8S, "c1", "ns", "Pod", "p").scope()).isEqualTo(scope);
    }

    @Test
    void theLayoutCannotTellADottedNamespaceFromADottedName() {
        WatchKey dottedNamespace = new WatchKey(Env.MESOS, "c1", "a.b", "app", "c");
        WatchKey dottedName = new WatchKey(Env.MESOS, "c1", "a", "app", "b.c");
        assertThat(dottedNamespace.entryName()).isEqualTo(dottedName.entryName()).isEqualTo("a.b.c");
        assertThat(new WatchScope(Env.MESOS, "c1", "a", "app").contains(dottedNamespace)).isTrue();
        assertThat(new WatchScope(Env.MESOS, "c1", "a.b", "app").contains(dottedName)).isTrue();
    }

    @Test
    void dataIsAFrozenJsonTreeAndMayBeNull() {
        assertThat(new WatchData(null).value()).isNull();
        WatchData data = new WatchData(Map.of("a", 1));
        assertThatThrownBy(() -> ((Map<String, Object>) data.value()).put("b", 2)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new WatchData(new Object())).isInstanceOfSatisfying(StorageException.class,
                e -> assertThat(e.kind()).isEqualTo(ErrorKind.BAD_INPUT));
    }
}
