package io.studilo.common.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.task.TaskDecorator;

/** RFC 9457 errors and request ids for every servlet service. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import(ProblemHandler.class)
public class WebAutoConfiguration {

    @Bean
    FilterRegistrationBean<RequestIds.Filter> requestIdFilter() {
        FilterRegistrationBean<RequestIds.Filter> registration = new FilterRegistrationBean<>(new RequestIds.Filter());
        // Before Spring Security, so even a 401 and Security's own log lines carry the request id. (Boot
        // registers a OncePerRequestFilter for every dispatcher type, ERROR and ASYNC included.)
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** A controller's {@code Callable} or an {@code @Async} task logs with the request id of its caller. */
    @Bean
    @ConditionalOnMissingBean(TaskDecorator.class)
    TaskDecorator requestIdTaskDecorator() {
        return RequestIds.taskDecorator();
    }

    /** Tomcat's own lines about a request (an escaped exception, the error page dispatch) carry its id. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(
            name = {"org.apache.catalina.Valve", "org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory"})
    static class TomcatRequestIds {

        @Bean
        WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> requestIdValveCustomizer() {
            return factory -> factory.addEngineValves(new TomcatRequestIdValve());
        }
    }

    /** Every RestClient built from Boot's builder passes the request id on to the next service. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(RestClientCustomizer.class)
    static class RequestIdPropagation {

        @Bean
        RestClientCustomizer requestIdRestClientCustomizer() {
            return builder -> builder.requestInterceptor(RequestIds.propagatingInterceptor());
        }
    }
}
