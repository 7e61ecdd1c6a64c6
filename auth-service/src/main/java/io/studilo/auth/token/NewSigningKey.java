package io.studilo.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Prints a value for {@code STUDILO_JWT_KEYS}: a new EC P-256 signing key, followed by the keys of an existing
 * set (file given as the only argument) so they stay published while tokens they signed are still alive. See
 * auth-service/README.md for the rotation steps. The output holds private keys: write it straight into the
 * secret store.
 */
public final class NewSigningKey {

    private NewSigningKey() {}

    public static void main(String[] args) throws IOException, JOSEException {
        List<JWK> keys = new ArrayList<>();
        keys.add(new ECKeyGenerator(Curve.P_256)
                .keyID(LocalDate.now() + "-" + UUID.randomUUID().toString().substring(0, 8))
                .keyUse(KeyUse.SIGNATURE)
                .generate());
        if (args.length > 0) {
            List<ECKey> previous =
                    SigningKeys.parse(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8), args[0]);
            keys.addAll(previous);
        }
        System.out.println(new JWKSet(keys).toString(false));
    }
}
