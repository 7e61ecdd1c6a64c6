package io.studilo.common.web;

import jakarta.servlet.ServletException;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * Binds the request id around Tomcat's whole handling of a request, as the first valve of the engine: the
 * container logs an exception that escaped the filters ("Servlet.service() ... threw exception") only after
 * every filter has returned, then runs the error page dispatch; an async dispatch enters here again.
 */
final class TomcatRequestIdValve extends ValveBase {

    TomcatRequestIdValve() {
        // A valve that does not declare async support turns async support off for every request.
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        try (RequestIds.Binding bound = RequestIds.bind(RequestIds.of(request))) {
            getNext().invoke(request, response);
        }
    }
}
