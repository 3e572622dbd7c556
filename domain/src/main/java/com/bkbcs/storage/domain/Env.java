package com.bkbcs.storage.domain;

import java.util.Locale;

/** The kind of cluster a route serves: the {@code /mesos/} or {@code /k8s/} segment of its path. */
public enum Env {
    MESOS, K8S;

    /** How the environment is spelled in routes and in the watch data's layout: {@code mesos}, {@code k8s}. */
    public String segment() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The environment spelled {@code segment}; anything but {@code mesos} or {@code k8s} is bad input. */
    public static Env of(String segment) {
        for (Env env : values()) {
            if (env.segment().equals(segment)) {
                return env;
            }
        }
        throw StorageException.badInput("env must be mesos or k8s");
    }
}
