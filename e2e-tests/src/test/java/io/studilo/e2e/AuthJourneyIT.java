package io.studilo.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Register → login → me → refresh → logout, through the gateway, against the running stack. */
class AuthJourneyIT {

    @Test
    void studentRegistersLogsInAndSeesThemselves() {
        Stack.Student student = Stack.newStudent();

        Stack.Reply me = Stack.get("/api/auth/me", student.accessToken());

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().get("email").asString()).isEqualTo(student.email());
        assertThat(me.body().get("displayName").asString()).isEqualTo("E2E Student");
        assertThat(me.body().get("userId").asString()).isNotBlank();
        assertThat(me.header("X-Request-Id")).isNotBlank();
    }

    @Test
    void refreshRotatesAndASpentTokenRevokesTheFamily() {
        Stack.Student student = Stack.newStudent();

        Stack.Reply rotated = Stack.post("/api/auth/refresh", Map.of("refreshToken", student.refreshToken()), null);
        assertThat(rotated.status()).isEqualTo(200);
        String newer = rotated.body().get("refreshToken").asString();
        assertThat(newer).isNotEqualTo(student.refreshToken());
        assertThat(Stack.get("/api/auth/me", rotated.body().get("accessToken").asString())
                        .status())
                .isEqualTo(200);

        Stack.Reply replay = Stack.post("/api/auth/refresh", Map.of("refreshToken", student.refreshToken()), null);
        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.contentType()).startsWith("application/problem+json");

        // The whole family is revoked: the newer token is dead too.
        assertThat(Stack.post("/api/auth/refresh", Map.of("refreshToken", newer), null)
                        .status())
                .isEqualTo(401);
    }

    @Test
    void logoutRevokesTheRefreshToken() {
        Stack.Student student = Stack.newStudent();

        Stack.Reply logout =
                Stack.post("/api/auth/logout", Map.of("refreshToken", student.refreshToken()), student.accessToken());

        assertThat(logout.status()).isEqualTo(204);
        assertThat(Stack.post("/api/auth/refresh", Map.of("refreshToken", student.refreshToken()), null)
                        .status())
                .isEqualTo(401);
    }

    @Test
    void protectedRoutesNeedAToken() {
        Stack.Reply anonymous = Stack.get("/api/auth/me", null);

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        assertThat(anonymous.body().get("type").asString()).isEqualTo("https://studilo.io/problems/unauthorized");
    }

    @Test
    void unknownRouteIsAProblem404() {
        Stack.Student student = Stack.newStudent();

        Stack.Reply unknown = Stack.get("/api/nothing-here", student.accessToken());

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
    }
}
