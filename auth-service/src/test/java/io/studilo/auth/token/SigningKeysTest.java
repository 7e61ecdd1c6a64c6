package io.studilo.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTest {

    @Nested
    class DevelopmentKey {

        @TempDir
        Path dir;

        @Test
        void isCreatedOnceAndReusedOnRestart() {
            SigningKeys first = new SigningKeys(SigningKeys.loadOrCreateDevelopmentKeys(dir.resolve("keys")));
            SigningKeys afterRestart = new SigningKeys(SigningKeys.loadOrCreateDevelopmentKeys(dir.resolve("keys")));

            assertThat(afterRestart.current()).isEqualTo(first.current());
            assertThat(afterRestart.current().isPrivate()).isTrue();
        }

        @Test
        void isReadableByTheOwnerOnly() throws Exception {
            SigningKeys.loadOrCreateDevelopmentKeys(dir);

            Path file = dir.resolve(SigningKeys.DEV_KEY_FILE);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
            try (var files = Files.list(dir)) {
                assertThat(files).containsExactly(file);
            }
        }

        @Test
        void isTheSameForReplicasStartingTogether() throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Callable<ECKey>> replicas = IntStream.range(0, 8)
                        .<Callable<ECKey>>mapToObj(i -> () ->
                                SigningKeys.loadOrCreateDevelopmentKeys(dir).get(0))
                        .toList();
                List<ECKey> keys = pool.invokeAll(replicas).stream()
                        .map(SigningKeysTest::get)
                        .toList();
                assertThat(keys).hasSize(8).allMatch(key -> key.equals(keys.get(0)));
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        void publishesOnlyThePublicHalf() {
            SigningKeys keys = new SigningKeys(SigningKeys.loadOrCreateDevelopmentKeys(dir));

            assertThat(keys.publicJwks().getKeys()).singleElement().satisfies(jwk -> {
                assertThat(jwk.isPrivate()).isFalse();
                assertThat(jwk.getKeyID()).isEqualTo(keys.current().getKeyID());
            });
            assertThat(keys.publicJwks().toString()).doesNotContain("\"d\"");
        }
    }

    @Nested
    class ConfiguredKeys {

        @Test
        void signWithTheFirstAndPublishAll() throws Exception {
            ECKey current = new ECKeyGenerator(Curve.P_256).keyID("2026-11").generate();
            ECKey previous = new ECKeyGenerator(Curve.P_256).keyID("2026-08").generate();
            String json = new JWKSet(List.<JWK>of(current, previous)).toString(false);

            SigningKeys keys = new SigningKeys(SigningKeys.parse(json, "test"));

            assertThat(keys.current().getKeyID()).isEqualTo("2026-11");
            assertThat(keys.publicJwks().getKeys()).extracting(JWK::getKeyID).containsExactly("2026-11", "2026-08");
        }

        @Test
        void mustBePrivateP256KeysWithUniqueIds() throws Exception {
            ECKey key = new ECKeyGenerator(Curve.P_256).keyID("a").generate();
            RSAKey rsa = new RSAKeyGenerator(2048).keyID("r").generate();
            ECKey p384 = new ECKeyGenerator(Curve.P_384).keyID("p").generate();

            assertThatThrownBy(() -> SigningKeys.parse(new JWKSet(key.toPublicJWK()).toString(false), "test"))
                    .hasMessageContaining("private key");
            assertThatThrownBy(() -> SigningKeys.parse(new JWKSet(rsa).toString(false), "test"))
                    .hasMessageContaining("EC P-256");
            assertThatThrownBy(() -> SigningKeys.parse(new JWKSet(p384).toString(false), "test"))
                    .hasMessageContaining("EC P-256");
            assertThatThrownBy(() -> SigningKeys.parse(new JWKSet(List.<JWK>of(key, key)).toString(false), "test"))
                    .hasMessageContaining("unique");
            assertThatThrownBy(() -> SigningKeys.parse(
                            new JWKSet(new ECKeyGenerator(Curve.P_256).generate()).toString(false), "test"))
                    .hasMessageContaining("kid");
            assertThatThrownBy(() -> SigningKeys.parse("{\"keys\": []}", "test"))
                    .hasMessageContaining("no keys");
            assertThatThrownBy(() -> SigningKeys.parse("not json", "test")).hasMessage("test is not a valid JWK set");
        }
    }

    private static <T> T get(Future<T> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
