package io.studilo.auth.token;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.studilo.auth.AuthProblems;
import io.studilo.auth.AuthProperties;
import io.studilo.auth.account.Account;
import io.studilo.auth.account.AccountService;
import io.studilo.common.web.ProblemException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Issues token pairs, rotates refresh tokens (with reuse detection) and revokes them. Never logs a token. */
@Service
public class TokenService {

    private static final Logger log = LoggerFactory.getLogger(TokenService.class);

    private final AccessTokens accessTokens;
    private final RefreshTokenStore refreshTokens;
    private final AccountService accounts;
    private final Duration refreshTtl;
    private final Duration familyLifetime;
    private final Counter refreshed;
    private final Counter rejected;
    private final Counter reuseDetected;

    TokenService(
            AccessTokens accessTokens,
            RefreshTokenStore refreshTokens,
            AccountService accounts,
            AuthProperties properties,
            MeterRegistry meters) {
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.accounts = accounts;
        this.refreshTtl = properties.refreshTokenTtl();
        this.familyLifetime = properties.refreshFamilyLifetime();
        this.refreshed = refreshCounter(meters, "rotated");
        this.rejected = refreshCounter(meters, "rejected");
        this.reuseDetected = Counter.builder("studilo.auth.refresh.reuse")
                .description("Spent refresh tokens presented again (their family was revoked)")
                .register(meters);
    }

    private static Counter refreshCounter(MeterRegistry meters, String outcome) {
        return Counter.builder("studilo.auth.refreshes")
                .description("Refresh-token rotations by outcome")
                .tag("outcome", outcome)
                .register(meters);
    }

    /** After a password login: a new family. */
    public TokenPair issue(Account account) {
        String refresh = refreshTokens.issue(account.id(), refreshTtl, familyLifetime);
        return new TokenPair(accessTokens.issue(account), refresh, accessTokens.ttl());
    }

    /**
     * Spends the refresh token for a new pair; a spent one revokes its whole family (401). The new token lives
     * the refresh TTL or what is left of the family's absolute lifetime, whichever is shorter; a family past
     * that lifetime answers like an expired token.
     */
    public TokenPair refresh(String presented) {
        String next = refreshTokens.newToken();
        RefreshTokenStore.Rotation rotation = refreshTokens.rotate(presented, next, refreshTtl);
        switch (rotation.outcome()) {
            case REUSED -> {
                reuseDetected.increment();
                rejected.increment();
                log.warn("Spent refresh token presented again for user {}; its family is revoked", rotation.userId());
                throw invalid();
            }
            case INVALID -> {
                rejected.increment();
                throw invalid();
            }
            case ROTATED -> {}
        }
        Account account = rotation.userId() == null
                ? null
                : accounts.find(rotation.userId()).orElse(null);
        if (account == null) {
            refreshTokens.revokeFamily(next);
            rejected.increment();
            throw invalid();
        }
        refreshed.increment();
        return new TokenPair(accessTokens.issue(account), next, accessTokens.ttl());
    }

    /** Logout: revokes the token's family. Unknown or already revoked tokens are fine. */
    public void revoke(String presented) {
        refreshTokens.revokeFamily(presented);
    }

    private static ProblemException invalid() {
        return new ProblemException(
                AuthProblems.INVALID_REFRESH_TOKEN, "The refresh token is invalid, expired or revoked. Log in again.");
    }
}
