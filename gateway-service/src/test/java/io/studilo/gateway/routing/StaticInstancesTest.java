package io.studilo.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.ServiceInstance;

class StaticInstancesTest {

    @Test
    void makesOneInstancePerConfiguredUri() {
        ServiceInstance[] instances = StaticInstances.instances(
                "rag", List.of(URI.create("http://10.0.0.1:8083"), URI.create("http://rag.studilo.svc:8083")));

        assertThat(instances).hasSize(2);
        assertThat(instances[0].getServiceId()).isEqualTo("rag");
        assertThat(instances[0].getHost()).isEqualTo("10.0.0.1");
        assertThat(instances[1].getHost()).isEqualTo("rag.studilo.svc");
        assertThat(instances[1].getPort()).isEqualTo(8083);
        assertThat(instances[1].isSecure()).isFalse();
    }

    @Test
    void defaultsThePortFromTheScheme() {
        ServiceInstance[] instances = StaticInstances.instances(
                "auth", List.of(URI.create("https://auth.example"), URI.create("http://auth.internal")));

        assertThat(instances[0].getPort()).isEqualTo(443);
        assertThat(instances[0].isSecure()).isTrue();
        assertThat(instances[1].getPort()).isEqualTo(80);
    }
}
