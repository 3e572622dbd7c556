package com.bkbcs.storage.adapters.zookeeper.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * POSIX permissions that keep the embedded ZooKeeper's files to the user running the service.
 * (adapters-mongo has the same few lines for its embedded store: adapters do not depend on each other.)
 */
final class OwnerOnlyFiles {
    private OwnerOnlyFiles() {
    }

    /**
     * Makes {@code directory} {@code rwx------}, so that nobody else can open anything below it,
     * whatever the permissions of the files inside.
     *
     * @throws IOException when the file system has no POSIX permissions or this user does not own the directory
     */
    static void restrictDirectory(Path directory) throws IOException {
        try {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            throw new IOException("cannot make " + directory + " private: the file system has no POSIX permissions", e);
        }
    }

    /** Replaces {@code file} atomically by one holding {@code text}, readable and writable by the owner only. */
    static void writePrivate(Path file, String text) throws IOException {
        Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
