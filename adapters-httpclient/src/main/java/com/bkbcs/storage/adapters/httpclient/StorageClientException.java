package com.bkbcs.storage.adapters.httpclient;

import java.util.Objects;

/** Every failure of the client: the server refused, the server could not be reached, or the input cannot be sent. */
public final class StorageClientException extends RuntimeException {
    /** Why the request failed. */
    public enum Kind {
        /** The server answered with an error status or an envelope with {@code result: false}. */
        REFUSED,
        /** No answer: connection refused, TLS handshake failed, timed out, connection dropped. */
        UNREACHABLE,
        /** The request was never sent: a file that cannot be read or does not describe a resource. */
        INVALID_INPUT
    }

    private final Kind kind;
    private final int status;

    private StorageClientException(Kind kind, int status, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.status = status;
    }

    /** The server's answer {@code status} with the envelope's {@code message}. */
    public static StorageClientException refused(int status, String message) {
        return new StorageClientException(Kind.REFUSED, status, message, null);
    }

    public static StorageClientException unreachable(String message, Throwable cause) {
        return new StorageClientException(Kind.UNREACHABLE, 0, message, cause);
    }

    public static StorageClientException invalidInput(String message, Throwable cause) {
        return new StorageClientException(Kind.INVALID_INPUT, 0, message, cause);
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status of a {@link Kind#REFUSED} failure, else 0. */
    public int status() {
        return status;
    }

    /** Worth trying again later: no answer, or a 503 (a store away, the server stopping) or 429 (too many streams). */
    public boolean isTransient() {
        return kind == Kind.UNREACHABLE || kind == Kind.REFUSED && (status == 503 || status == 429);
    }

    /** A 410: a watch's revision is no longer (or not yet) in the server's history. */
    public boolean isGone() {
        return kind == Kind.REFUSED && status == 410;
    }
}
