package com.bkbcs.storage.adapters.mongo;

import com.bkbcs.storage.domain.ErrorKind;
import com.bkbcs.storage.domain.StorageException;
import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoOperationTimeoutException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoServerException;
import com.mongodb.MongoServerUnavailableException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoSocketReadTimeoutException;
import com.mongodb.MongoTimeoutException;
import org.bson.BsonMaximumSizeExceededException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The port boundary for failures: driver and BSON exceptions become {@link StorageException}s
 * with the kind the caller can act on, and are logged here, once. Exceptions that already are
 * {@link StorageException}s pass through untouched.
 */
final class MongoFailures {
    private static final Logger log = LoggerFactory.getLogger(MongoFailures.class);

    /** BSONObjectTooLarge, and the "document after update is larger than the maximum" family. */
    private static final Set<Integer> TOO_LARGE_CODES = Set.of(10334, 17419, 17420);

    private MongoFailures() {
    }

    /** Runs a driver call, translating whatever it throws. */
    static <T> T call(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (StorageException e) {
            throw e;
        } catch (RuntimeException e) {
            throw translate(operation, e);
        }
    }

    static void run(String operation, Runnable call) {
        call(operation, () -> {
            call.run();
            return null;
        });
    }

    static StorageException translate(String operation, RuntimeException e) {
        if (e instanceof StorageException storage) {
            return storage;
        }
        ErrorKind kind = kindOf(e);
        String message = "MongoDB " + operation + " failed: " + e.getMessage();
        switch (kind) {
            case UNAVAILABLE -> log.warn("{} ({})", message, e.getClass().getSimpleName());
            case TOO_LARGE -> log.info("{} ({})", message, e.getClass().getSimpleName());
            default -> log.error(message, e);
        }
        return new StorageException(kind, switch (kind) {
            case UNAVAILABLE -> isTimeout(e)
                    ? "the database timed out: " + operation + " got no answer in time"
                    : "the database is unavailable: " + operation + " failed (" + reason(e) + ")";
            case TOO_LARGE -> "the document is too large to store";
            default -> "the database failed: " + operation;
        }, e);
    }

    /**
     * A few words on why a call failed, for messages that callers see: never the driver's own
     * message, which describes the whole cluster (addresses, states, nested exceptions); the log has it.
     */
    static String reason(RuntimeException e) {
        if (isTimeout(e)) {
            return "timed out";
        }
        if (e instanceof MongoSocketException) {
            return "no connection";
        }
        if (e instanceof MongoNotPrimaryException || e instanceof MongoNodeIsRecoveringException) {
            return "no primary";
        }
        if (e instanceof MongoSecurityException) {
            return "authentication failed";
        }
        if (e instanceof IllegalStateException) {
            return "the client is closed";
        }
        return e.getClass().getSimpleName();
    }

    /** The operation timeout, server selection, the pool's wait, a socket read or the server's maxTimeMS ran out. */
    static boolean isTimeout(RuntimeException e) {
        return e instanceof MongoTimeoutException || e instanceof MongoOperationTimeoutException
                || e instanceof MongoExecutionTimeoutException || e instanceof MongoSocketReadTimeoutException;
    }

    static ErrorKind kindOf(RuntimeException e) {
        if (e instanceof MongoTimeoutException || e instanceof MongoSocketException
                || e instanceof MongoOperationTimeoutException || e instanceof MongoExecutionTimeoutException
                || e instanceof MongoNotPrimaryException || e instanceof MongoNodeIsRecoveringException
                || e instanceof MongoConnectionPoolClearedException || e instanceof MongoServerUnavailableException
                || e instanceof MongoSecurityException) {
            return ErrorKind.UNAVAILABLE;
        }
        if (e instanceof IllegalStateException && String.valueOf(e.getMessage()).contains("state should be: open")) {
            // the client was closed under us, as during shutdown
            return ErrorKind.UNAVAILABLE;
        }
        if (e instanceof BsonMaximumSizeExceededException) {
            return ErrorKind.TOO_LARGE;
        }
        if (e instanceof MongoServerException server && (TOO_LARGE_CODES.contains(server.getCode())
                || String.valueOf(server.getMessage()).toLowerCase(Locale.ROOT).contains("too large"))) {
            return ErrorKind.TOO_LARGE;
        }
        return ErrorKind.INTERNAL;
    }
}
