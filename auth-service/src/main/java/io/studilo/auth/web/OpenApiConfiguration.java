package io.studilo.auth.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The auth part of the public API document; the gateway aggregates it with the other services'. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String PROBLEM = "Problem";

    @Bean
    OpenAPI authOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("STUDILO auth")
                        .version("v1")
                        .description("Register, log in, refresh (rotating, single-use refresh tokens) and log out. "
                                + "Errors are application/problem+json (RFC 9457)."))
                // Relative: the same document is served directly and through the gateway.
                .servers(List.of(new Server().url("/")))
                .components(new Components()
                        .addSecuritySchemes(
                                "bearer",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT"))
                        .addSchemas(PROBLEM, problemSchema()));
    }

    /**
     * Every error answer is an RFC 9457 problem: the annotations only give status and description, this puts the
     * {@code application/problem+json} body on them and documents the 400 every JSON endpoint can answer.
     */
    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> openApi.getPaths()
                .values()
                .forEach(path -> path.readOperations().forEach(OpenApiConfiguration::describeProblems));
    }

    private static void describeProblems(Operation operation) {
        if (operation.getRequestBody() != null && !operation.getResponses().containsKey("400")) {
            operation.getResponses().addApiResponse("400", new ApiResponse().description("Invalid request (`errors`)"));
        }
        operation.getResponses().forEach((status, response) -> {
            if (status.equals("429")) {
                response.addHeaderObject(
                        "Retry-After",
                        new Header()
                                .description("Seconds until another attempt is accepted")
                                .schema(new IntegerSchema()));
            }
            if (status.startsWith("4") || status.startsWith("5")) {
                response.setContent(new Content()
                        .addMediaType(
                                "application/problem+json",
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
            }
        });
    }

    @SuppressWarnings("rawtypes")
    private static Schema<?> problemSchema() {
        Map<String, Schema> errorFields = Map.of("field", new StringSchema(), "message", new StringSchema());
        return new ObjectSchema()
                .description("RFC 9457 problem details")
                .addProperty("type", new StringSchema().format("uri").example("https://studilo.io/problems/validation"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema().format("uri"))
                .addProperty("requestId", new StringSchema())
                .addProperty(
                        "errors",
                        new ArraySchema()
                                .description("Rejected fields (validation problems only)")
                                .items(new ObjectSchema().properties(errorFields)));
    }
}
