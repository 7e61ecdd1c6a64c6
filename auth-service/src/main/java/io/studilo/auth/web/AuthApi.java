package io.studilo.auth.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** The request and response bodies of API.md "Auth". Field names are the public contract. */
final class AuthApi {

    private AuthApi() {}

    record RegisterRequest(
            @Schema(example = "ada@example.org") @NotBlank @Size(max = 254)
            String email,

            @Schema(description = "10 to 128 characters, not containing the e-mail address") @NotNull @Size(max = 1024)
            String password,

            @Schema(example = "Ada") @NotBlank @Size(max = 100)
            String displayName) {}

    record RegisterResponse(UUID userId, String email, String displayName) {}

    record LoginRequest(
            @Schema(example = "ada@example.org") @NotBlank @Size(max = 254)
            String email,

            @NotNull @Size(max = 1024) String password) {}

    record RefreshRequest(@NotBlank @Size(max = 128) String refreshToken) {}

    record TokenResponse(
            String accessToken,

            @Schema(description = "Opaque; single use: each refresh returns a new one")
            String refreshToken,

            @Schema(example = "Bearer") String tokenType,

            @Schema(description = "Seconds until the access token expires", example = "900")
            long expiresIn) {}

    record MeResponse(UUID userId, String email, String displayName, List<String> roles) {}
}
