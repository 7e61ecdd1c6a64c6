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
 * Counters are shared by every replica. The account key holds a hash of the e-mail, not the address itself.
 */
@Component
class LoginThrottle {

    private static final String PREFIX = "studilo:auth:login-failures:";

    /** Milliseconds until the first exhausted counter resets, or -1 when both are below their threshold. */
    private static final RedisScript<Long> BLOCKED_FOR = RedisScript.of("""
            for i, key in ipairs(KEYS) do
              local count = tonumber(redis.call('GET', key) or '0')
              if count >= tonumber(ARGV[i]) then
                local ttl = redis.call('PTTL', key)
                if ttl < 0 then redis.call('PEXPIRE', key, ARGV[3]); ttl = tonumber(ARGV[3]) end
                return ttl
              end
            end
            return -1
            """, Long.class);

    private static final RedisScript<Long> RECORD_FAILURE = RedisScript.of("""
            for _, key in ipairs(KEYS) do
              if redis.call('INCR', key) == 1 then redis.call('PEXPIRE', key, ARGV[1]) end
            end
            return 1
            """, Long.class);

    private final StringRedisTemplate redis;
    private final AuthProperties.LoginThrottle settings;

    LoginThrottle(StringRedisTemplate redis, AuthProperties properties) {
        this.redis = redis;
        this.settings = properties.loginThrottle();
    }

    /** How long the caller must wait, if this account or address has failed too often. */
    Optional<Duration> blockedFor(String normalisedEmail, String clientAddress) {
        Long millis = redis.execute(
                BLOCKED_FOR,
                keys(normalisedEmail, clientAddress),
                Integer.toString(settings.maxFailuresPerAccount()),
                Integer.toString(settings.maxFailuresPerAddress()),
                Long.toString(settings.window().toMillis()));
        return millis == null || millis < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(millis));
    }

    void recordFailure(String normalisedEmail, String clientAddress) {
        redis.execute(
                RECORD_FAILURE,
                keys(normalisedEmail, clientAddress),
                Long.toString(settings.window().toMillis()));
    }

    /** A successful login clears the account's counter (not the address's: one good password proves little). */
    void recordSuccess(String normalisedEmail) {
        redis.delete(accountKey(normalisedEmail));
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
