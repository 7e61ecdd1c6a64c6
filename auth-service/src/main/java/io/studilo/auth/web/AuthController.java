package io.studilo.auth.web;

import io.studilo.auth.account.Account;
import io.studilo.auth.account.AccountService;
import io.studilo.auth.token.TokenPair;
import io.studilo.auth.token.TokenService;
import io.studilo.auth.web.AuthApi.LoginRequest;
import io.studilo.auth.web.AuthApi.MeResponse;
import io.studilo.auth.web.AuthApi.RefreshRequest;
import io.studilo.auth.web.AuthApi.RegisterRequest;
import io.studilo.auth.web.AuthApi.RegisterResponse;
import io.studilo.auth.web.AuthApi.TokenResponse;
import io.studilo.common.security.CurrentUser;
import io.studilo.common.web.ProblemException;
import io.studilo.common.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** API.md "Auth". The gateway forwards these paths unchanged. */
@RestController
@RequestMapping(path = "/api/auth", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Auth", description = "Register, log in, refresh and log out")
class AuthController {

    private final AccountService accounts;
    private final TokenService tokens;
    private final ClientAddresses clientAddresses;

    AuthController(AccountService accounts, TokenService tokens, ClientAddresses clientAddresses) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.clientAddresses = clientAddresses;
    }

    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an account")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(responseCode = "400", description = "Weak password, bad e-mail or invalid fields (`errors`)")
    @ApiResponse(responseCode = "409", description = "E-mail already registered")
    RegisterResponse register(@Valid @RequestBody RegisterRequest request) {
        Account account = accounts.register(request.email(), request.password(), request.displayName());
        return new RegisterResponse(account.id(), account.email(), account.displayName());
    }

    @PostMapping("/login")
    @Operation(summary = "Log in with e-mail and password")
    @ApiResponse(responseCode = "200", description = "An access and a refresh token")
    @ApiResponse(responseCode = "401", description = "Wrong e-mail or password")
    @ApiResponse(responseCode = "429", description = "Too many failed logins (see Retry-After)")
    TokenResponse login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        Account account = accounts.authenticate(request.email(), request.password(), clientAddresses.of(http));
        return response(tokens.issue(account));
    }

    @PostMapping("/refresh")
    @Operation(summary = "Trade a refresh token for a new pair (the presented one is spent)")
    @ApiResponse(responseCode = "200", description = "A new access and refresh token")
    @ApiResponse(
            responseCode = "401",
            description = "Invalid, expired or revoked; presenting a spent token revokes its whole family")
    TokenResponse refresh(@Valid @RequestBody RefreshRequest request) {
        return response(tokens.refresh(request.refreshToken()));
    }

    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke the refresh token's family (idempotent)")
    @ApiResponse(responseCode = "204", description = "Logged out")
    void logout(@Valid @RequestBody RefreshRequest request) {
        tokens.revoke(request.refreshToken());
    }

    @GetMapping("/me")
    @Operation(summary = "The logged-in student", security = @SecurityRequirement(name = "bearer"))
    @ApiResponse(responseCode = "200", description = "The account")
    @ApiResponse(responseCode = "401", description = "Missing, expired or invalid access token")
    MeResponse me() {
        Account account = accounts.find(CurrentUser.ownerId())
                .orElseThrow(() -> new ProblemException(ProblemType.UNAUTHORIZED, "The account no longer exists."));
        return new MeResponse(account.id(), account.email(), account.displayName(), account.roles());
    }

    private static TokenResponse response(TokenPair pair) {
        return new TokenResponse(
                pair.accessToken(),
                pair.refreshToken(),
                "Bearer",
                pair.accessTokenTtl().toSeconds());
    }
}
