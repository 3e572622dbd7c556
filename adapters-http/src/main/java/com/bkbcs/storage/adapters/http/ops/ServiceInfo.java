package com.bkbcs.storage.adapters.http.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Properties;

/**
 * The service's name and the version it was built as, written into {@code service.properties} by
 * the build, for {@code GET /}. Every module of the reactor shares one version, so this module's is
 * the application's.
 *
 * @param name    {@code bcs-storage}
 * @param version the Maven project version, e.g. {@code 0.1.0-SNAPSHOT}
 */
public record ServiceInfo(String name, String version) {
    private static final String RESOURCE = "service.properties";

    public ServiceInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
    }

    /** What the build wrote; fails when the resource is missing or was not filtered. */
    public static ServiceInfo load() {
        try (InputStream in = ServiceInfo.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            String version = properties.getProperty("version", "");
            if (version.isBlank() || version.startsWith("${")) {
                throw new IllegalStateException(RESOURCE + " holds no version: the build did not fill it in");
            }
            return new ServiceInfo(properties.getProperty("name", "bcs-storage"), version);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
