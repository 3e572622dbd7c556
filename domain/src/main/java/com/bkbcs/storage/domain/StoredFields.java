package com.bkbcs.storage.domain;

/**
 * The names of the fields stored documents share (resources, metrics, hosts, events and alarms),
 * in one place: the stores write them, the API returns them, filters and projections name them.
 * Fields only one kind of document has stay with its type ({@link Resource#RESOURCE_TYPE},
 * {@code Metric.TYPE}, {@code Host.IP}...).
 */
public final class StoredFields {
    /** The document's identity, derived from its key. */
    public static final String ID = "_id";
    public static final String CLUSTER_ID = "clusterId";
    public static final String NAMESPACE = "namespace";
    /** What was reported, as reported. */
    public static final String DATA = "data";
    /** When the document was first stored (a journal entry: when it was stored). */
    public static final String CREATE_TIME = "createTime";
    /** When the document was last written. */
    public static final String UPDATE_TIME = "updateTime";
    /** The revision of the document's last write (dynamic data only; see {@code domain.change}). */
    public static final String REVISION = "revision";

    private StoredFields() {
    }
}
