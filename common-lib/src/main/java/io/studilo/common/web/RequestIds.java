package io.studilo.common.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Request ids: taken from the gateway's {@code X-Request-Id} (or made here), put in the log context, echoed
 * on the response and passed on to downstream HTTP calls.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    // Only ids that are safe to log and echo: no header injection, bounded length.
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {}

    public static String accept(String candidate) {
        return candidate != null && SAFE.matcher(candidate).matches()
                ? candidate
                : UUID.randomUUID().toString();
    }

    /** The servlet filter that binds the request id for the duration of a request. */
    public static final class Filter extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String id = accept(request.getHeader(HEADER));
            MDC.put(MDC_KEY, id);
            response.setHeader(HEADER, id);
            try {
                chain.doFilter(request, response);
            } finally {
                MDC.remove(MDC_KEY);
            }
        }
    }

    /** Passes the current request id to the next service. */
    public static ClientHttpRequestInterceptor propagatingInterceptor() {
        return (request, body, execution) -> {
            String id = MDC.get(MDC_KEY);
            if (id != null && !request.getHeaders().containsHeader(HEADER)) {
                request.getHeaders().set(HEADER, id);
            }
            return execution.execute(request, body);
        };
    }
}
