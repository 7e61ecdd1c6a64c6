package io.studilo.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.studilo.common.jdbc.ReadReplicaAutoConfiguration;
import io.studilo.common.jdbc.ReadReplicaRoutingDataSource;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The routing switches on only with a replica URL, and carries the primary's credentials and schema over. */
class ReadReplicaAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(DataSourceAutoConfiguration.class, ReadReplicaAutoConfiguration.class))
            .withPropertyValues(
                    "spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none",
                    "spring.datasource.username=studilo",
                    "spring.datasource.password=secret",
                    "spring.datasource.hikari.schema=rag");

    @Test
    void leavesTheDataSourceAloneWithoutAReplica() {
        runner.run(context -> assertThat(context.getBean(DataSource.class)).isInstanceOf(HikariDataSource.class));
    }

    @Test
    void routesWithAReplicaUsingThePrimarysCredentialsAndSchema() {
        runner.withPropertyValues("studilo.datasource.replica.url=jdbc:postgresql://127.0.0.1:2/none")
                .run(context -> {
                    var routing = (ReadReplicaRoutingDataSource) context.getBean(DataSource.class);
                    assertThat(routing.primary()).isInstanceOf(HikariDataSource.class);
                    var replica = (HikariDataSource) routing.replica();
                    assertThat(replica.getJdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:2/none");
                    assertThat(replica.getUsername()).isEqualTo("studilo");
                    assertThat(replica.getPassword()).isEqualTo("secret");
                    assertThat(replica.getSchema()).isEqualTo("rag");
                    assertThat(replica.isReadOnly()).isTrue();
                });
    }
}
