package io.studilo.common.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;

/** RFC 9457 errors and request ids for every servlet service. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import(ProblemHandler.class)
public class WebAutoConfiguration {

    @Bean
    FilterRegistrationBean<RequestIds.Filter> requestIdFilter() {
        FilterRegistrationBean<RequestIds.Filter> registration = new FilterRegistrationBean<>(new RequestIds.Filter());
        // Before Spring Security, so even a 401 carries the request id.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
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
