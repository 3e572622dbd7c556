package com.bkbcs.storage.adapters.zookeeper;

import com.bkbcs.storage.application.port.out.WatchStore;
import com.bkbcs.storage.domain.ErrorKind;
import com.bkbcs.storage.domain.StorageException;
import com.bkbcs.storage.domain.watch.WatchData;
import com.bkbcs.storage.domain.watch.WatchKey;
import com.bkbcs.storage.domain.watch.WatchScope;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.common.PathUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Watch data in ZooKeeper, laid out as section 7 of the contract says, for other components to
 * read and watch: one persistent znode {@code /{root}/{env}/{clusterId}/{resourceType}/{namespace}.{resourceName}}
 * per entry, whose value is the UTF-8 JSON of the data. Parents are created on the first put as plain
 * persistent znodes with no data (never containers, which the server would delete once empty and
 * which consumers could not keep watching). Reads never create anything. Every call is bounded in
 * time by the connection's operation timeout.
 */
public final class CuratorWatchStore implements WatchStore {
    private static final Logger log = LoggerFactory.getLogger(CuratorWatchStore.class);

    /**
     * The largest JSON text one entry holds: 1 MiB minus 8 KiB. ZooKeeper refuses packets of 1 MiB
     * and more ({@code jute.maxbuffer}, on the server for the request and on the client for the
     * reply); the 8 KiB left cover the longest path (names of 253 characters, a root of 256) and the
     * packet's framing.
     */
    public static final int MAX_DATA_BYTES = 1024 * 1024 - 8 * 1024;
    /** The longest root accepted, in characters. */
    public static final int MAX_ROOT_LENGTH = 256;
    /** Attempts at the set-or-create race against concurrent deletes and creates. */
    private static final int PUT_ATTEMPTS = 16;

    private final CuratorFramework client;
    private final BoundedCalls calls;
    private final JsonCodec json = new JsonCodec();
    private final String root;

    CuratorWatchStore(CuratorFramework client, BoundedCalls calls, String root) {
        this.client = Objects.requireNonNull(client, "client");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.root = normalizeRoot(root);
    }

    /**
     * {@code root} as a znode path prefix: no trailing slash, one leading slash, empty for the
     * top of the tree. {@code etc/cluster}, {@code /etc/cluster/} and {@code /etc/cluster} are all
     * {@code /etc/cluster}.
     *
     * @throws IllegalArgumentException when the root is not a valid znode path or too long
     */
    static String normalizeRoot(String root) {
        Objects.requireNonNull(root, "root");
        String trimmed = root.strip();
        int start = 0;
        int end = trimmed.length();
        while (start < end && trimmed.charAt(start) == '/') {
            start++;
        }
        while (end > start && trimmed.charAt(end - 1) == '/') {
            end--;
        }
        String bare = trimmed.substring(start, end);
        if (bare.isEmpty()) {
            return "";
        }
        if (bare.length() > MAX_ROOT_LENGTH) {
            throw new IllegalArgumentException("the ZooKeeper root is longer than " + MAX_ROOT_LENGTH + " characters");
        }
        try {
            PathUtils.validatePath("/" + bare);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid ZooKeeper root '" + root + "': " + e.getMessage());
        }
        return "/" + bare;
    }

    /** The root znode path ({@code /etc/cluster} by default; empty for the top of the tree). */
    public String root() {
        return root;
    }

    /** {@code /{root}/{env}/{clusterId}/{resourceType}/{namespace}.{resourceName}}. */
    public String pathOf(WatchKey key) {
        return typePath(key.scope()) + "/" + key.entryName();
    }

    /** {@code /{root}/{env}/{clusterId}/{resourceType}}: the parent of the scope's entries. */
    public String typePath(WatchScope scope) {
        return root + "/" + scope.env().segment() + "/" + scope.clusterId() + "/" + scope.resourceType();
    }

    @Override
    public void put(WatchKey key, WatchData data) {
        byte[] bytes = json.encode(data.value());
        if (bytes.length > MAX_DATA_BYTES) {
            throw new StorageException(ErrorKind.TOO_LARGE, "the data is " + bytes.length
                    + " bytes of JSON; ZooKeeper holds at most " + MAX_DATA_BYTES + " bytes per resource");
        }
        String path = pathOf(key);
        calls.call("put " + path, () -> {
            for (int attempt = 1; ; attempt++) {
                try {
                    client.setData().forPath(path, bytes);
                    return null;
                } catch (KeeperException.NoNodeException absent) {
                    // first put, or deleted meanwhile: create it
                }
                try {
                    client.create().creatingParentsIfNeeded().withMode(CreateMode.PERSISTENT).forPath(path, bytes);
                    return null;
                } catch (KeeperException.NodeExistsException raced) {
                    // created meanwhile: overwrite it
                    if (attempt >= PUT_ATTEMPTS) {
                        throw raced;
                    }
                }
            }
        });
    }

    @Override
    public Optional<WatchData> get(WatchKey key) {
        String path = pathOf(key);
        byte[] bytes = calls.call("get " + path, () -> {
            try {
                return client.getData().forPath(path);
            } catch (KeeperException.NoNodeException absent) {
                return null;
            }
        });
        return bytes == null ? Optional.empty() : Optional.of(new WatchData(json.decode(bytes, path)));
    }

    @Override
    public boolean delete(WatchKey key) {
        String path = pathOf(key);
        return calls.call("delete " + path, () -> {
            try {
                client.delete().forPath(path);
                return true;
            } catch (KeeperException.NoNodeException absent) {
                return false;
            }
        });
    }

    @Override
    public List<WatchData> list(WatchScope scope) {
        String typePath = typePath(scope);
        return calls.call("list " + typePath + "/" + scope.entryPrefix() + "*", () -> {
            List<String> children;
            try {
                children = client.getChildren().forPath(typePath);
            } catch (KeeperException.NoNodeException absent) {
                return List.of();
            }
            List<String> names = children.stream().filter(scope::containsEntry).sorted().toList();
            List<WatchData> found = new ArrayList<>(names.size());
            for (String name : names) {
                String path = typePath + "/" + name;
                byte[] bytes;
                try {
                    bytes = client.getData().forPath(path);
                } catch (KeeperException.NoNodeException deletedMeanwhile) {
                    continue;
                }
                try {
                    found.add(new WatchData(json.decode(bytes, path)));
                } catch (StorageException notJson) {
                    log.warn("skipping {} in a list: {}", path, notJson.getMessage());
                }
            }
            return found;
        });
    }
}
