package io.studilo.common.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.core.task.TaskDecorator;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Request ids: taken from the gateway's {@code X-Request-Id} (or made here), put in the log context, echoed
 * on the response and passed on to downstream HTTP calls.
 *
 * <p>Every line logged while a request is handled carries it as {@code requestId}: the filter binds it for
 * each dispatch (the request's own, and the later {@code ERROR} and {@code ASYNC} dispatches, which
 * {@link OncePerRequestFilter} skips by default), the Tomcat valve ({@link TomcatRequestIdValve}) around the
 * container's own work (its "Servlet.service() threw exception" line is written after every filter has
 * returned), and the task decorator on the threads that run a controller's {@code Callable}. All of them use
 * the one id kept in a request attribute.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    /** The request attribute holding the id once it is chosen, so every dispatch logs the same one. */
    public static final String ATTRIBUTE = RequestIds.class.getName() + ".ID";
    // Only ids that are safe to log and echo: no header injection, bounded length.
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {}

    public static String accept(@Nullable String candidate) {
        return candidate != null && SAFE.matcher(candidate).matches()
                ? candidate
                : UUID.randomUUID().toString();
    }

    /** The request's id: the one chosen earlier in this request, else a safe incoming one or a new one. */
    static String of(HttpServletRequest request) {
        if (request.getAttribute(ATTRIBUTE) instanceof String id) {
            return id;
        }
        String id = accept(request.getHeader(HEADER));
        request.setAttribute(ATTRIBUTE, id);
        return id;
    }

    /** Binds {@code id} to the log context; closing restores what was bound before (an enclosing valve's). */
    static Binding bind(String id) {
        String outer = MDC.get(MDC_KEY);
        MDC.put(MDC_KEY, id);
        return () -> {
            if (outer == null) {
                MDC.remove(MDC_KEY);
            } else {
                MDC.put(MDC_KEY, outer);
            }
        };
    }

    /** A request id bound to the log context until closed. */
    interface Binding extends AutoCloseable {
        @Override
        void close();
    }

    /** The servlet filter that binds the request id for every dispatch of a request. */
    public static final class Filter extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String id = of(request);
            if (!response.isCommitted()) {
                response.setHeader(HEADER, id);
            }
            try (Binding bound = bind(id)) {
                chain.doFilter(request, response);
            }
        }

        // Spring Security and the error controller log during the ERROR dispatch, the handler's result is
        // written during the ASYNC one: both are still this request.
        @Override
        protected boolean shouldNotFilterAsyncDispatch() {
            return false;
        }

        @Override
        protected boolean shouldNotFilterErrorDispatch() {
            return false;
        }
    }

    /**
     * Carries the request id of the submitting thread to the task (a controller's {@code Callable}, an
     * {@code @Async} method), so what the task logs belongs to its request.
     */
    public static TaskDecorator taskDecorator() {
        return task -> {
            String id = MDC.get(MDC_KEY);
            if (id == null) {
                return task;
            }
            return () -> {
                try (Binding bound = bind(id)) {
                    task.run();
                }
            };
        };
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
