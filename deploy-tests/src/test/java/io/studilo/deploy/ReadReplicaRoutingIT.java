package io.studilo.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.studilo.common.jdbc.ReadReplicaAutoConfiguration;
import io.studilo.common.jdbc.ReadReplicaRoutingDataSource;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * common-lib's read replica routing against a real streaming replica of the local PostgreSQL: read-only
 * transactions are served by the replica, writes by the primary, and reads keep working when the replica dies.
 * Which server answered is asked of the server itself: {@code pg_is_in_recovery()} is true only on the replica.
 */
class ReadReplicaRoutingIT {

    private static final String DATABASE = IsolatedServers.DATABASE;

    record Probe(boolean onReplica, long matching) {}

    @BeforeAll
    static void probeTable() throws Exception {
        IsolatedServers.createDatabase();
        try (var c = DriverManager.getConnection(
                        IsolatedServers.postgresBaseUrl() + DATABASE,
                        IsolatedServers.user(),
                        IsolatedServers.password());
                var s = c.createStatement()) {
            s.execute("create table if not exists replica_probe (id bigserial primary key, note text not null)");
        }
    }

    @Test
    void readsHitTheReplicaWritesThePrimaryAndReadsSurviveTheReplicasLoss() throws Exception {
        try (StreamingReplica replica = StreamingReplica.start()) {
            contextWith("studilo.datasource.replica.url=jdbc:postgresql://127.0.0.1:" + replica.port() + "/" + DATABASE)
                    .run(context -> {
                        DataSource dataSource = context.getBean(DataSource.class);
                        assertThat(dataSource).isInstanceOf(ReadReplicaRoutingDataSource.class);
                        JdbcClient jdbc = JdbcClient.create(dataSource);
                        var manager = context.getBean(PlatformTransactionManager.class);
                        TransactionTemplate readWrite = new TransactionTemplate(manager);
                        TransactionTemplate readOnly = new TransactionTemplate(manager);
                        readOnly.setReadOnly(true);
                        String note = UUID.randomUUID().toString();

                        Boolean writtenOnReplica = readWrite.execute(tx -> {
                            jdbc.sql("insert into replica_probe(note) values (?)")
                                    .param(note)
                                    .update();
                            return jdbc.sql("select pg_is_in_recovery()")
                                    .query(Boolean.class)
                                    .single();
                        });
                        assertThat(writtenOnReplica)
                                .as("writes go to the primary")
                                .isFalse();

                        await().atMost(Duration.ofSeconds(30))
                                .untilAsserted(() -> assertThat(inTransaction(readOnly, jdbc, note))
                                        .as("the read-only transaction runs on the replica and sees the streamed write")
                                        .isEqualTo(new Probe(true, 1)));

                        Probe outsideTransaction = probe(jdbc, note);
                        assertThat(outsideTransaction.onReplica())
                                .as("no transaction: the primary")
                                .isFalse();

                        replica.stop();

                        assertThat(inTransaction(readOnly, jdbc, note))
                                .as("with the replica gone, reads fall back to the primary")
                                .isEqualTo(new Probe(false, 1));
                        assertThat(((ReadReplicaRoutingDataSource) dataSource).replicaDown())
                                .isTrue();
                        assertThat(inTransaction(readOnly, jdbc, note))
                                .as("and keep working")
                                .isEqualTo(new Probe(false, 1));
                    });
        }
    }

    @Test
    void startsAndReadsFromThePrimaryWhenTheReplicaIsUnreachableFromTheStart() {
        contextWith("studilo.datasource.replica.url=jdbc:postgresql://127.0.0.1:9/" + DATABASE)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    JdbcClient jdbc = JdbcClient.create(context.getBean(DataSource.class));
                    TransactionTemplate readOnly =
                            new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
                    readOnly.setReadOnly(true);
                    assertThat(inTransaction(readOnly, jdbc, "none")).isEqualTo(new Probe(false, 0));
                });
    }

    private static ApplicationContextRunner contextWith(String replicaUrl) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        DataSourceAutoConfiguration.class,
                        DataSourceTransactionManagerAutoConfiguration.class,
                        ReadReplicaAutoConfiguration.class))
                .withPropertyValues(
                        "spring.datasource.url=" + IsolatedServers.postgresBaseUrl() + DATABASE,
                        "spring.datasource.username=" + IsolatedServers.user(),
                        "spring.datasource.password=" + IsolatedServers.password(),
                        "studilo.datasource.replica.retry-after=1s",
                        replicaUrl);
    }

    private static Probe inTransaction(TransactionTemplate transaction, JdbcClient jdbc, String note) {
        Probe probe = transaction.execute(tx -> probe(jdbc, note));
        return java.util.Objects.requireNonNull(probe);
    }

    private static Probe probe(JdbcClient jdbc, String note) {
        return jdbc.sql(
                        "select pg_is_in_recovery() as on_replica, (select count(*) from replica_probe where note = ?) as matching")
                .param(note)
                .query((rs, n) -> new Probe(rs.getBoolean("on_replica"), rs.getLong("matching")))
                .single();
    }
}
