package io.studilo.auth.account;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.studilo.auth.AuthProblems;
import io.studilo.auth.AuthProperties;
import io.studilo.common.web.ProblemException;
import io.studilo.common.web.ProblemType;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Service;

/** Registration and password login. Never logs e-mails with passwords, passwords or hashes. */
@Service
public class AccountService {

    private static final Logger log = LoggerFactory.getLogger(AccountService.class);

    private final AccountRepository accounts;
    private final LoginThrottle throttle;
    private final Argon2PasswordEncoder encoder;
    private final PasswordPolicy policy;
    /** Verified against when the e-mail is unknown, so that answer takes as long as a wrong password. */
    private final String dummyHash;

    private final Counter registrations;
    private final Counter loginSuccesses;
    private final Counter loginFailures;
    private final Counter loginsThrottled;

    AccountService(
            AccountRepository accounts, LoginThrottle throttle, AuthProperties properties, MeterRegistry meters) {
        this.accounts = accounts;
        this.throttle = throttle;
        AuthProperties.Password password = properties.password();
        this.encoder = new Argon2PasswordEncoder(
                16, 32, password.argon2Parallelism(), password.argon2MemoryKib(), password.argon2Iterations());
        this.policy = new PasswordPolicy(password.minLength(), password.maxLength());
        this.dummyHash = encoder.encode("not a password: " + UUID.randomUUID());
        this.registrations = Counter.builder("studilo.auth.registrations")
                .description("Accounts created")
                .register(meters);
        this.loginSuccesses = loginCounter(meters, "success");
        this.loginFailures = loginCounter(meters, "failure");
        this.loginsThrottled = loginCounter(meters, "throttled");
    }

    private static Counter loginCounter(MeterRegistry meters, String outcome) {
        return Counter.builder("studilo.auth.logins")
                .description("Password logins by outcome")
                .tag("outcome", outcome)
                .register(meters);
    }

    /**
     * Creates an account. The e-mail is normalised; the password must pass the policy; a taken e-mail is a 409
     * decided by the unique constraint.
     */
    public Account register(String rawEmail, String password, String displayName) {
        EmailAddress email = EmailAddress.parse(rawEmail);
        policy.check(password, email);
        String name = displayName.strip();
        if (name.isEmpty()) {
            throw InvalidFieldsException.of("displayName", "must not be blank");
        }
        if (name.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
            throw InvalidFieldsException.of("displayName", "must not contain control or formatting characters");
        }
        try {
            Account account = accounts.insert(UUID.randomUUID(), email, name, encoder.encode(password));
            registrations.increment();
            log.info("Registered account {}", account.id());
            return account;
        } catch (DuplicateKeyException e) {
            throw new ProblemException(AuthProblems.EMAIL_TAKEN, "An account with this e-mail address already exists.");
        }
    }

    /**
     * Checks an e-mail and password. Refused with 429 (before any password check) when the account or the
     * client address has failed too often; an unknown e-mail and a wrong password answer the same 401 after the
     * same Argon2 work.
     */
    public Account authenticate(String rawEmail, String password, String clientAddress) {
        String email = EmailAddress.normalise(rawEmail);
        Optional<Duration> blocked = throttle.tryAcquire(email, clientAddress);
        if (blocked.isPresent()) {
            loginsThrottled.increment();
            throw new ProblemException(
                    ProblemType.TOO_MANY_REQUESTS,
                    "Too many failed logins. Try again later.",
                    roundUpToSeconds(blocked.get()));
        }
        Optional<AccountRepository.Credentials> credentials = accounts.findCredentials(email);
        String hash =
                credentials.map(AccountRepository.Credentials::passwordHash).orElse(dummyHash);
        boolean matches = encoder.matches(password, hash);
        if (credentials.isEmpty() || !matches) {
            loginFailures.increment();
            throw new ProblemException(AuthProblems.INVALID_CREDENTIALS, "The e-mail address or password is wrong.");
        }
        Account account = credentials.get().account();
        throttle.succeeded(email, clientAddress);
        loginSuccesses.increment();
        if (encoder.upgradeEncoding(credentials.get().passwordHash())) {
            accounts.updatePasswordHash(account.id(), encoder.encode(password));
        }
        return account;
    }

    public Optional<Account> find(UUID id) {
        return accounts.findById(id);
    }

    private static Duration roundUpToSeconds(Duration duration) {
        long seconds = (duration.toMillis() + 999) / 1000;
        return Duration.ofSeconds(Math.max(1, seconds));
    }
}
