package io.studilo.gateway.routing;

import io.studilo.gateway.GatewayProperties;
import java.net.URI;
import java.util.List;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.cloud.loadbalancer.support.ServiceInstanceListSuppliers;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The load balancer's instance list for one service, straight from {@code studilo.gateway.services.<name>.uris}
 * (a Kubernetes Service is one URI; several local instances are several). Loaded into each load-balancer child
 * context, so it is deliberately not a {@code @Configuration} the component scan would pick up.
 */
class StaticInstances {

    @Bean
    ServiceInstanceListSupplier staticInstanceListSupplier(Environment environment, GatewayProperties properties) {
        String service = LoadBalancerClientFactory.getName(environment);
        GatewayProperties.Service configured = properties.services().get(service);
        if (configured == null) {
            throw new IllegalStateException("studilo.gateway.services." + service + ".uris is not configured");
        }
        return ServiceInstanceListSuppliers.from(service, instances(service, configured.uris()));
    }

    static ServiceInstance[] instances(String service, List<URI> uris) {
        ServiceInstance[] instances = new ServiceInstance[uris.size()];
        for (int i = 0; i < uris.size(); i++) {
            URI uri = uris.get(i);
            boolean secure = "https".equalsIgnoreCase(uri.getScheme());
            int port = uri.getPort() != -1 ? uri.getPort() : secure ? 443 : 80;
            instances[i] = new DefaultServiceInstance(service + "-" + i, service, uri.getHost(), port, secure);
        }
        return instances;
    }
}
