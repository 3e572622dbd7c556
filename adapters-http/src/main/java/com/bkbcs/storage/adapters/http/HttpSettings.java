package com.bkbcs.storage.adapters.http;

/**
 * What the HTTP server needs to know: the port to listen on ({@code 0} picks a free one) and the
 * largest request body accepted (larger bodies get a 413).
 */
public record HttpSettings(int port, long maxBodyBytes) {
    public static final long DEFAULT_MAX_BODY_BYTES = 8L * 1024 * 1024;
    /** Bodies are read into one array, so the limit must leave room for the overflow check. */
    public static final long LARGEST_MAX_BODY_BYTES = Integer.MAX_VALUE - 16L;

    public HttpSettings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be within 0..65535: " + port);
        }
        if (maxBodyBytes < 1 || maxBodyBytes > LARGEST_MAX_BODY_BYTES) {
            throw new IllegalArgumentException("maxBodyBytes must be within 1.." + LARGEST_MAX_BODY_BYTES + ": "
                    + maxBodyBytes);
        }
    }

    public HttpSettings(int port) {
        this(port, DEFAULT_MAX_BODY_BYTES);
    }
}
