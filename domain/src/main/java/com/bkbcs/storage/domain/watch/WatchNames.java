package com.bkbcs.storage.domain.watch;

import com.bkbcs.storage.domain.Names;
import com.bkbcs.storage.domain.StorageException;

/**
 * The name rule of watch data. Watch data lives in a tree whose paths are built from these names
 * (section 7 of the contract), so on top of {@link Names#require} a name must not be a relative
 * path segment ({@code .} or {@code ..}) and must not contain characters that tree stores refuse
 * in paths: UTF-16 surrogates (so no emoji), the private use area U+E000..U+F8FF and U+FFF0..U+FFFF.
 */
final class WatchNames {
    private WatchNames() {
    }

    static String require(String what, String value) {
        Names.require(what, value);
        if (value.equals(".") || value.equals("..")) {
            throw StorageException.badInput(what + " must not be '" + value + "'");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '\ud800' && c <= '\uf8ff' || c >= '\ufff0') {
                throw StorageException.badInput(what + " must not contain surrogate, private-use or special characters (U+"
                        + String.format("%04X", (int) c) + ")");
            }
        }
        return value;
    }
}
