package com.bkbcs.storage.domain;

import java.util.Objects;

/**
 * The one exception type of the core. Adapters translate their driver exceptions into it at the
 * port boundary, so nothing framework-specific crosses a port.
 */
public class StorageException extends RuntimeException {
    private final ErrorKind kind;

    public StorageException(ErrorKind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public StorageException(ErrorKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public ErrorKind kind() {
        return kind;
    }

    public static StorageException badInput(String message) {
        return new StorageException(ErrorKind.BAD_INPUT, message);
    }

    public static StorageException notFound(String message) {
        return new StorageException(ErrorKind.NOT_FOUND, message);
    }

    public static StorageException unavailable(String message, Throwable cause) {
        return new StorageException(ErrorKind.UNAVAILABLE, message, cause);
    }
}
