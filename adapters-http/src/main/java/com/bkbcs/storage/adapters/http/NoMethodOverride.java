package com.bkbcs.storage.adapters.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Hides the method-override headers from everything behind it, so the HTTP method is always the
 * request line's. Javalin takes the method from {@code X-HTTP-Method-Override} when a request
 * carries it: a GET with {@code X-HTTP-Method-Override: DELETE} would delete while proxies, WAFs
 * and access logs see a read. The other spellings are hidden too, so no later code can start
 * honouring them.
 */
public final class NoMethodOverride extends HttpFilter {
    static final Set<String> HEADERS = Set.of("x-http-method-override", "x-method-override", "x-http-method");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public String getHeader(String name) {
                return hidden(name) ? null : super.getHeader(name);
            }

            @Override
            public Enumeration<String> getHeaders(String name) {
                return hidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
            }

            @Override
            public Enumeration<String> getHeaderNames() {
                List<String> names = Collections.list(super.getHeaderNames());
                names.removeIf(NoMethodOverride::hidden);
                return Collections.enumeration(names);
            }
        }, response);
    }

    private static boolean hidden(String name) {
        return name != null && HEADERS.contains(name.toLowerCase(Locale.ROOT));
    }
}
