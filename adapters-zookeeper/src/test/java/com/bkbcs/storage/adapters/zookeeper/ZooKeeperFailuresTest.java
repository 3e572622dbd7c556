package com.bkbcs.storage.adapters.zookeeper;

import com.bkbcs.storage.domain.ErrorKind;
import com.bkbcs.storage.domain.StorageException;
import org.apache.curator.CuratorConnectionLossException;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ZooKeeperFailuresTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new KeeperException.ConnectionLossException(), ErrorKind.UNAVAILABLE, true),
                Arguments.of(new CuratorConnectionLossException(), ErrorKind.UNAVAILABLE, true),
                Arguments.of(new KeeperException.SessionExpiredException(), ErrorKind.UNAVAILABLE, true),
                Arguments.of(new KeeperException.SessionMovedException(), ErrorKind.UNAVAILABLE, true),
                Arguments.of(new KeeperException.OperationTimeoutException(), ErrorKind.UNAVAILABLE, true),
                Arguments.of(new KeeperException.RequestTimeoutException(), ErrorKind.UNAVAILABLE, true),
                Arguments.of(new KeeperException.NotReadOnlyException(), ErrorKind.UNAVAILABLE, false),
                Arguments.of(new KeeperException.ThrottledOpException(), ErrorKind.UNAVAILABLE, false),
                Arguments.of(new InterruptedException(), ErrorKind.UNAVAILABLE, false),
                Arguments.of(new IllegalStateException("Client is not started or has been closed"), ErrorKind.UNAVAILABLE, false),
                Arguments.of(new KeeperException.NoAuthException(), ErrorKind.INTERNAL, false),
                Arguments.of(new KeeperException.NotEmptyException(), ErrorKind.INTERNAL, false),
                Arguments.of(new KeeperException.MarshallingErrorException(), ErrorKind.INTERNAL, false),
                Arguments.of(new IllegalArgumentException("Invalid path string"), ErrorKind.INTERNAL, false),
                Arguments.of(new IOException("disk"), ErrorKind.INTERNAL, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void translatesEachFailureToTheKindTheCallerCanActOn(Exception failure, ErrorKind kind, boolean retryable) {
        StorageException translated = ZooKeeperFailures.translate("get /x", failure);

        assertThat(translated.kind()).isEqualTo(kind);
        assertThat(translated.getCause()).isSameAs(failure);
        assertThat(translated.getMessage()).startsWith(kind == ErrorKind.UNAVAILABLE ? "ZooKeeper is unavailable: " : "ZooKeeper failed: ");
        assertThat(ZooKeeperFailures.isConnectionFailure(failure)).isEqualTo(retryable);
        Thread.interrupted();
    }

    @Test
    void storageExceptionsPassThroughUntouched() {
        StorageException tooLarge = new StorageException(ErrorKind.TOO_LARGE, "big");
        assertThat(ZooKeeperFailures.translate("put /x", tooLarge)).isSameAs(tooLarge);
    }
}
