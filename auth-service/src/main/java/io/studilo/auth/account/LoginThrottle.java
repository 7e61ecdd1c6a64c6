package io.studilo.auth.account;

import io.studilo.auth.AuthProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Counts failed logins per account and per client address in Redis, in a fixed window that starts at the first
 * failure. Past either threshold, logins are refused until that window ends, before any password is checked.
 * Each attempt is counted when it starts (atomically with the threshold check) and given back when it succeeds.
 * Counters are shared by every replica. The account key holds a hash of the e-mail, not the address itself.
 */
@Component
class LoginThrottle {

    private static final String PREFIX = "studilo:auth:login-failures:";

    /**
     * Atomically: if a counter has reached its threshold, the milliseconds until it resets; otherwise counts this
     * attempt against both (as a failure until proven otherwise) and answers -1. Counting before the password
     * is checked means parallel guesses cannot all slip in under the threshold.
     * KEYS: account, address. ARGV: account max, address max, window ms.
     */
    private static final RedisScript<Long> ACQUIRE = RedisScript.of("""
            for i, key in ipairs(KEYS) do
              local count = tonumber(redis.call('GET', key) or '0')
              if count >= tonumber(ARGV[i]) then
                local ttl = redis.call('PTTL', key)
                if ttl < 0 then redis.call('PEXPIRE', key, ARGV[3]); ttl = tonumber(ARGV[3]) end
                return ttl
              end
            end
            for _, key in ipairs(KEYS) do
              if redis.call('INCR', key) == 1 then redis.call('PEXPIRE', key, ARGV[3]) end
            end
            return -1
            """, Long.class);

    /** A successful login: the account starts afresh; the address gets back the attempt counted in advance. */
    private static final RedisScript<Long> SUCCEEDED = RedisScript.of("""
            redis.call('DEL', KEYS[1])
            if tonumber(redis.call('GET', KEYS[2]) or '0') > 0 then redis.call('DECR', KEYS[2]) end
            return 1
            """, Long.class);

    private final StringRedisTemplate redis;
    private final AuthProperties.LoginThrottle settings;

    LoginThrottle(StringRedisTemplate redis, AuthProperties properties) {
        this.redis = redis;
        this.settings = properties.loginThrottle();
    }

    /**
     * Takes one login attempt for this account and address, or says how long the caller must wait because one of
     * them has failed too often. A taken attempt counts as a failure unless {@link #succeeded} follows.
     */
    Optional<Duration> tryAcquire(String normalisedEmail, String clientAddress) {
        Long millis = redis.execute(
                ACQUIRE,
                keys(normalisedEmail, clientAddress),
                Integer.toString(settings.maxFailuresPerAccount()),
                Integer.toString(settings.maxFailuresPerAddress()),
                Long.toString(settings.window().toMillis()));
        return millis == null || millis < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(millis));
    }

    /** Clears the account's failures and returns the address's attempt (one good password proves little more). */
    void succeeded(String normalisedEmail, String clientAddress) {
        redis.execute(SUCCEEDED, keys(normalisedEmail, clientAddress));
    }

    private static List<String> keys(String normalisedEmail, String clientAddress) {
        return List.of(accountKey(normalisedEmail), PREFIX + "address:" + clientAddress);
    }

    private static String accountKey(String normalisedEmail) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(normalisedEmail.getBytes(StandardCharsets.UTF_8));
            return PREFIX + "account:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
