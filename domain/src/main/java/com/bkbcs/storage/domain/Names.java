package com.bkbcs.storage.domain;

/** The rule every path segment naming something (cluster, namespace, type, resource) follows. */
public final class Names {
    public static final int MAX_LENGTH = 253;

    private Names() {
    }

    /**
     * Returns {@code value} when it is a valid name, otherwise throws a {@link ErrorKind#BAD_INPUT}
     * exception that says which part was wrong and why.
     */
    public static String require(String what, String value) {
        if (value == null || value.isEmpty()) {
            throw StorageException.badInput(what + " must not be empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw StorageException.badInput(what + " is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '/' || c == '$') {
                throw StorageException.badInput(what + " must not contain '" + c + "'");
            }
            if (Character.isISOControl(c)) {
                throw StorageException.badInput(what + " must not contain control characters");
            }
        }
        return value;
    }
}
