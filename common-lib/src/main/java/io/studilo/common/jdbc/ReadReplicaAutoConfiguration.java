package io.studilo.common.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.util.StringUtils;

/**
 * With {@code studilo.datasource.replica.url} set, wraps the application's {@code dataSource} bean in a
 * {@link ReadReplicaRoutingDataSource}: read-only transactions go to the replica, the rest to the primary.
 * Nothing changes without the property (the embedded default and tests run on one server).
 */
@AutoConfiguration
@ConditionalOnClass({LazyConnectionDataSourceProxy.class, HikariDataSource.class})
@ConditionalOnProperty(prefix = "studilo.datasource.replica", name = "url")
@EnableConfigurationProperties(ReplicaProperties.class)
public class ReadReplicaAutoConfiguration {

    @Bean
    static BeanPostProcessor readReplicaRouting(
            ObjectProvider<ReplicaProperties> properties, ObjectProvider<MeterRegistry> meters, Environment env) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (!"dataSource".equals(beanName)
                        || !(bean instanceof DataSource primary)
                        || bean instanceof ReadReplicaRoutingDataSource) {
                    return bean;
                }
                ReplicaProperties replica = properties.getObject();
                HikariDataSource pool = replicaPool(replica, env, meters.getIfUnique());
                return new ReadReplicaRoutingDataSource(primary, pool, replica.retryAfter());
            }
        };
    }

    static HikariDataSource replicaPool(ReplicaProperties replica, Environment env, @Nullable MeterRegistry meters) {
        HikariConfig config = new HikariConfig();
        if (meters != null) {
            // The replica pool's saturation next to the primary's: hikaricp_* with pool="replica".
            config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meters));
        }
        config.setPoolName("replica");
        config.setJdbcUrl(replica.url());
        config.setUsername(orElse(replica.username(), env.getProperty("spring.datasource.username")));
        config.setPassword(orElse(replica.password(), env.getProperty("spring.datasource.password")));
        String schema = orElse(replica.schema(), env.getProperty("spring.datasource.hikari.schema"));
        if (StringUtils.hasText(schema)) {
            config.setSchema(schema);
        }
        config.setMaximumPoolSize(replica.maximumPoolSize());
        config.setConnectionTimeout(replica.connectionTimeout().toMillis());
        config.setReadOnly(true);
        // Start even while the replica is down: reads fall back to the primary until it is back.
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    private static @Nullable String orElse(@Nullable String value, @Nullable String fallback) {
        return StringUtils.hasText(value) ? value : fallback;
    }
}
