package io.studilo.auth.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Refresh tokens in Redis. A token is 256 random bits (base64url); only its SHA-256 is stored, so a leak of
 * Redis reveals no usable token. Each token belongs to a family (one login); the family key holds the user id
 * and is the single thing revocation deletes.
 *
 * <pre>
 * studilo:auth:refresh:token:&lt;sha256&gt;  hash {family, spent}   TTL = min(refresh TTL, family's remaining life)
 * studilo:auth:refresh:family:&lt;id&gt;      user id                 TTL = family lifetime, set at login, never extended
 * </pre>
 *
 * The family key's own expiry is the family's absolute deadline (login + family lifetime): rotation reads it
 * ({@code PTTL}) to cap the next token and never touches it, so rotating cannot keep a login alive forever.
 * Once it has expired every token of the family is unknown, exactly like an expired token.
 *
 * Rotation is one Lua script, so two concurrent refreshes with the same token cannot both succeed: the second
 * sees it spent, which is reuse and revokes the family. Spent tokens are kept (marked) as long as their family
 * could live, so a replayed token is recognised. (The script touches the family key it reads from the token,
 * which is fine on a single Redis or Sentinel; Redis Cluster would need hash tags.)
 */
@Component
class RefreshTokenStore {

    /** What a rotation attempt found. */
    enum Outcome {
        ROTATED,
        /** Spent before: the family is now revoked. */
        REUSED,
        /** Unknown, expired or already revoked. */
        INVALID
    }

    record Rotation(Outcome outcome, @Nullable UUID userId) {}

    private static final String TOKEN = "studilo:auth:refresh:token:";
    private static final String FAMILY = "studilo:auth:refresh:family:";

    /** KEYS: token, family. ARGV: token ttl ms, user id, family id, family lifetime ms. */
    private static final RedisScript<Long> ISSUE = RedisScript.of("""
            redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[4])
            redis.call('HSET', KEYS[1], 'family', ARGV[3], 'spent', '0')
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            return 1
            """, Long.class);

    /**
     * KEYS: old token, new token. ARGV: refresh ttl ms, family key prefix. The family's remaining life (its
     * PTTL) caps the new token and the spent one. (Families written before they had an absolute lifetime carry
     * the refresh TTL of their last rotation as expiry, so they end there.)
     */
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> ROTATE = RedisScript.of("""
            local family = redis.call('HGET', KEYS[1], 'family')
            if not family then return {'INVALID'} end
            local familyKey = ARGV[2] .. family
            local user = redis.call('GET', familyKey)
            if not user then return {'INVALID'} end
            if redis.call('HGET', KEYS[1], 'spent') == '1' then
              redis.call('DEL', familyKey)
              return {'REUSED', user}
            end
            local ttl = tonumber(ARGV[1])
            local left = redis.call('PTTL', familyKey)
            if left >= 0 and left < ttl then ttl = left end
            if ttl < 1 then return {'INVALID'} end
            redis.call('HSET', KEYS[1], 'spent', '1')
            redis.call('PEXPIRE', KEYS[1], ttl)
            redis.call('HSET', KEYS[2], 'family', family, 'spent', '0')
            redis.call('PEXPIRE', KEYS[2], ttl)
            return {'ROTATED', user}
            """, List.class);

    /** KEYS: token. ARGV: family key prefix. */
    private static final RedisScript<Long> REVOKE = RedisScript.of("""
            local family = redis.call('HGET', KEYS[1], 'family')
            if not family then return 0 end
            return redis.call('DEL', ARGV[1] .. family)
            """, Long.class);

    private final StringRedisTemplate redis;
    private final SecureRandom random = new SecureRandom();

    RefreshTokenStore(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /**
     * Starts a new family for the user, alive for {@code familyLifetime} however often it rotates, and returns
     * its first token.
     */
    String issue(UUID userId, Duration ttl, Duration familyLifetime) {
        String token = newToken();
        String family = UUID.randomUUID().toString();
        redis.execute(
                ISSUE,
                List.of(tokenKey(token), FAMILY + family),
                Long.toString(Math.min(ttl.toMillis(), familyLifetime.toMillis())),
                userId.toString(),
                family,
                Long.toString(familyLifetime.toMillis()));
        return token;
    }

    /**
     * Spends {@code presented} and, when it was live, stores {@code next} in its family for {@code ttl} or the
     * family's remaining life, whichever is shorter.
     */
    Rotation rotate(String presented, String next, Duration ttl) {
        List<?> result = redis.execute(
                ROTATE, List.of(tokenKey(presented), tokenKey(next)), Long.toString(ttl.toMillis()), FAMILY);
        if (result == null || result.isEmpty()) {
            return new Rotation(Outcome.INVALID, null);
        }
        Outcome outcome = Outcome.valueOf(result.get(0).toString());
        UUID user = result.size() > 1 ? UUID.fromString(result.get(1).toString()) : null;
        return new Rotation(outcome, user);
    }

    /** Revokes the token's whole family; unknown tokens are ignored (logout is idempotent). */
    void revokeFamily(String presented) {
        redis.execute(REVOKE, List.of(tokenKey(presented)), FAMILY);
    }

    String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String tokenKey(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return TOKEN + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
