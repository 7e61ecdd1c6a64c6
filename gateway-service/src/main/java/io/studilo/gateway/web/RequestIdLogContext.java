package io.studilo.gateway.web;

import io.micrometer.context.ContextRegistry;
import org.slf4j.MDC;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.stereotype.Component;
import reactor.util.context.Context;

/**
 * Puts the request id in the log MDC ({@code requestId}, as the servlet services) of every line written while
 * the gateway handles a request, framework lines included. Wraps the whole HTTP handler, outside WebFlux's
 * adapter and the error handlers: the id is bound while the handler is assembled (WebFlux logs the request
 * there) and written into the Reactor context, from which Reactor's automatic context propagation
 * ({@code spring.reactor.context-propagation=auto}) restores it on every thread a signal of the request
 * reaches. {@link RequestIdFilter} takes the id from that context.
 *
 * <p>Cost, measured on the shared 2-core machine (load 12-17) proxying {@code GET /api/auth/me}: 2.67-2.99 ms
 * of gateway CPU a request with {@code limited} against 2.82-3.16 ms with {@code auto} (+5.5% in both
 * alternating pairs), and 7.7% of the gateway's CPU samples in a JFR profile inside the snapshot-and-restore
 * machinery (the MDC accessor itself 1.5%). {@code spring.reactor.context-propagation=limited} turns it off:
 * then only the gateway's own lines carry the id ({@link RequestIdFilter#withRequestId}).
 */
@Component
final class RequestIdLogContext implements HttpHandlerDecoratorFactory {

    RequestIdLogContext() {
        // The same key in the Reactor context and in the MDC.
        ContextRegistry.getInstance()
                .registerThreadLocalAccessor(
                        RequestIdFilter.LOG_KEY,
                        () -> MDC.get(RequestIdFilter.LOG_KEY),
                        id -> MDC.put(RequestIdFilter.LOG_KEY, id),
                        () -> MDC.remove(RequestIdFilter.LOG_KEY));
    }

    @Override
    public HttpHandler apply(HttpHandler handler) {
        return (request, response) -> {
            String id = RequestIdFilter.accept(request.getHeaders().getFirst(RequestIdFilter.HEADER));
            MDC.put(RequestIdFilter.LOG_KEY, id);
            try {
                return handler.handle(request, response).contextWrite(Context.of(RequestIdFilter.LOG_KEY, id));
            } finally {
                MDC.remove(RequestIdFilter.LOG_KEY);
            }
        };
    }
}
