package io.studilo.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.studilo.auth.AuthProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The ES256 keys access tokens are signed with. Every replica must hold the same keys, so they are never
 * generated per process:
 *
 * <ul>
 *   <li>Production: {@code studilo.auth.keys.jwks} ({@code STUDILO_JWT_KEYS}, from a Kubernetes Secret) holds
 *       a JWK set of EC P-256 private keys, each with a unique {@code kid}. The first key signs; the others are
 *       previous keys, still published so tokens they signed stay valid until they expire. To rotate: put a new
 *       key first, keep the old one second, roll out; drop the old one once the access-token TTL has passed.
 *   <li>Development (no JWK set configured): a key is generated once into {@code <keys.dir>/signing-keys.json}
 *       (mode 600) and reused on every restart and by every local replica. Creation is atomic (written to a
 *       temporary file, then hard-linked into place, which fails if another process won the race; the loser
 *       reads the winner's key).
 * </ul>
 */
@Component
public class SigningKeys {

    static final String DEV_KEY_FILE = "signing-keys.json";
    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private final List<ECKey> keys;
    private final JWKSet publicJwks;

    @Autowired
    public SigningKeys(AuthProperties properties) {
        this(
                properties.keys().jwks().isBlank()
                        ? loadOrCreateDevelopmentKeys(Path.of(properties.keys().dir()))
                        : parse(properties.keys().jwks(), "studilo.auth.keys.jwks (STUDILO_JWT_KEYS)"));
    }

    SigningKeys(List<ECKey> keys) {
        this.keys = List.copyOf(keys);
        // alg and use on every published key, so verifiers that pick keys by algorithm find them.
        this.publicJwks = new JWKSet(keys.stream()
                .map(k -> (JWK) new ECKey.Builder(k.toPublicJWK())
                        .algorithm(JWSAlgorithm.ES256)
                        .keyUse(KeyUse.SIGNATURE)
                        .build())
                .toList());
    }

    /** The key that signs new tokens. */
    public ECKey current() {
        return keys.get(0);
    }

    /** The public halves of the current and previous keys: what {@code /.well-known/jwks.json} publishes. */
    public JWKSet publicJwks() {
        return publicJwks;
    }

    static List<ECKey> parse(String json, String source) {
        JWKSet set;
        try {
            set = JWKSet.parse(json);
        } catch (ParseException e) {
            // The message could quote key material: name only the source.
            throw new IllegalStateException(source + " is not a valid JWK set");
        }
        if (set.getKeys().isEmpty()) {
            throw new IllegalStateException(source + " holds no keys");
        }
        List<ECKey> keys = set.getKeys().stream()
                .map(jwk -> {
                    if (!(jwk instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve()) || !ec.isPrivate()) {
                        throw new IllegalStateException(
                                source + ": every key must be an EC P-256 private key (ES256), kid " + jwk.getKeyID());
                    }
                    if (ec.getKeyID() == null || ec.getKeyID().isBlank()) {
                        throw new IllegalStateException(source + ": every key needs a kid");
                    }
                    return ec;
                })
                .toList();
        if (keys.stream().map(ECKey::getKeyID).distinct().count() != keys.size()) {
            throw new IllegalStateException(source + ": key ids (kid) must be unique");
        }
        return keys;
    }

    static List<ECKey> loadOrCreateDevelopmentKeys(Path dir) {
        Path file = dir.resolve(DEV_KEY_FILE);
        try {
            if (!Files.exists(file)) {
                create(dir, file);
            }
            log.warn(
                    "Signing access tokens with the development key in {}; set STUDILO_JWT_KEYS in production",
                    file.toAbsolutePath());
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the development signing key in " + dir, e);
        }
    }

    private static void create(Path dir, Path file) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        Files.createDirectories(
                dir,
                posix
                        ? new FileAttribute<?>[] {
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))
                        }
                        : new FileAttribute<?>[0]);
        ECKey key;
        try {
            key = new ECKeyGenerator(Curve.P_256)
                    .keyID("dev-" + LocalDate.now() + "-"
                            + UUID.randomUUID().toString().substring(0, 8))
                    .keyUse(KeyUse.SIGNATURE)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an EC P-256 key", e);
        }
        Path temp = posix
                ? Files.createTempFile(
                        dir,
                        ".signing-keys",
                        ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(dir, ".signing-keys", ".tmp");
        try {
            Files.writeString(temp, new JWKSet(key).toString(false), StandardCharsets.UTF_8);
            try {
                // A hard link never replaces an existing file: exactly one concurrent creator wins.
                Files.createLink(file, temp);
            } catch (UnsupportedOperationException e) {
                Files.move(temp, file);
            }
            log.info("Created a development signing key with kid {}", key.getKeyID());
        } catch (FileAlreadyExistsException e) {
            log.info("Another process created the development signing key first; using it");
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
