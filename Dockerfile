# syntax=docker/dockerfile:1.7
# One image per service, from the same file:
#   docker build --build-arg SERVICE=rag-service -t studilo/rag-service .
# Stages: build (Maven, only the module and what it depends on) -> layered extraction -> JRE 25 runtime.
# The runtime runs as uid 10001, needs only /tmp writable (read-only root friendly) and reports its health
# from the management port's readiness group.

ARG SERVICE=gateway-service

FROM maven:3.9.11-eclipse-temurin-25 AS build
ARG SERVICE
WORKDIR /src
COPY . .
# Spotless is a developer convenience; the image build only compiles and packages.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -pl "${SERVICE}" -am -DskipTests -Dspotless.apply.skip=true package \
 && jar=$(ls "${SERVICE}"/target/"${SERVICE}"-*.jar | grep -v -- '-plain.jar' | head -n 1) \
 && java -Djarmode=tools -jar "$jar" extract --layers --launcher --destination /layers

FROM eclipse-temurin:25-jre-noble AS runtime
RUN groupadd --system --gid 10001 studilo \
 && useradd --system --uid 10001 --gid studilo --home-dir /app --no-create-home --shell /usr/sbin/nologin studilo
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp" \
    STUDILO_STATE_DIR=/tmp/studilo \
    STUDILO_INDEX_DIR=/tmp/studilo/index \
    STUDILO_KEYS_DIR=/tmp/studilo/keys

# One stage per service: its default ports (overridable with SERVER_PORT / MANAGEMENT_PORT) and native needs.
FROM runtime AS gateway-service
ENV SERVER_PORT=8080 MANAGEMENT_PORT=9080
FROM runtime AS auth-service
ENV SERVER_PORT=8081 MANAGEMENT_PORT=9081
FROM runtime AS ingestion-service
# Tesseract OCR for scanned pages (Tess4J loads libtesseract through JNA) with the English model.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-eng \
 && rm -rf /var/lib/apt/lists/*
ENV SERVER_PORT=8082 MANAGEMENT_PORT=9082 \
    TESSDATA_PREFIX=/usr/share/tesseract-ocr/5/tessdata
FROM runtime AS rag-service
ENV SERVER_PORT=8083 MANAGEMENT_PORT=9083
FROM runtime AS exam-service
ENV SERVER_PORT=8084 MANAGEMENT_PORT=9084
FROM runtime AS planner-service
ENV SERVER_PORT=8085 MANAGEMENT_PORT=9085

FROM ${SERVICE}
ARG SERVICE
LABEL org.opencontainers.image.title="studilo-${SERVICE}" \
      org.opencontainers.image.source="https://github.com/studilo/studilo" \
      org.opencontainers.image.licenses="Apache-2.0"
WORKDIR /app
# Least-changing layers first, so a code change only replaces the last one.
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
USER 10001:10001
# The root filesystem can be read-only: the JVM, Tomcat and the services write only under /tmp.
VOLUME ["/tmp"]
EXPOSE 8080-8085 9080-9085
# No curl in the JRE image: a plain HTTP request over bash's /dev/tcp against the readiness group.
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${MANAGEMENT_PORT} && printf 'GET /actuator/health/readiness HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && grep -q '\"status\":\"UP\"' <&3"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
