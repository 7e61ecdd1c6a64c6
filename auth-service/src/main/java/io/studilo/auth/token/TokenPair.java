package io.studilo.auth.token;

import java.time.Duration;

/** A fresh access token and the refresh token that replaces the one presented (if any). */
public record TokenPair(String accessToken, String refreshToken, Duration accessTokenTtl) {}
