package com.bkbcs.storage.domain.change;

/** What a write did to one document of dynamic data. */
public enum ChangeType {
    /** The write created the document. */
    ADDED,
    /** The write replaced a stored document. */
    MODIFIED,
    /** The write removed the document; the change carries its last stored state. */
    DELETED
}
