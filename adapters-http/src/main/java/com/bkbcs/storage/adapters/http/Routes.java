package com.bkbcs.storage.adapters.http;

/**
 * One area of the API (dynamic data, typed queries, events...): it adds its endpoints to the
 * registry, which serves each under both API prefixes and, for paths with {@code {env}}, under both
 * environments.
 */
public interface Routes {

    void addTo(RouteRegistry registry);
}
