package com.bkbcs.storage.domain.watch;

import com.bkbcs.storage.domain.Env;
import java.util.Objects;

/**
 * What a watch list addresses: the entries of one type and namespace in one cluster of one
 * environment, that is, every entry of the type whose {@link WatchKey#entryName() name} starts with
 * {@code {namespace}.}. The entries of a dotted namespace {@code a.b} therefore also appear in the
 * list of namespace {@code a} (as names {@code b.*}): the layout cannot tell them apart.
 */
public record WatchScope(Env env, String clusterId, String namespace, String resourceType) {

    public WatchScope {
        Objects.requireNonNull(env, "env");
        WatchNames.require("clusterId", clusterId);
        WatchNames.require("namespace", namespace);
        WatchNames.require("resourceType", resourceType);
    }

    /** {@code {namespace}.}: the start of the name of every entry in the scope. */
    public String entryPrefix() {
        return namespace + ".";
    }

    /** Whether an entry of this type, cluster and environment with this name lies in the scope. */
    public boolean containsEntry(String entryName) {
        return entryName.length() > entryPrefix().length() && entryName.startsWith(entryPrefix());
    }

    /** Whether the entry lies in the scope. */
    public boolean contains(WatchKey key) {
        return key.env() == env && key.clusterId().equals(clusterId) && key.resourceType().equals(resourceType)
                && containsEntry(key.entryName());
    }
}
