# Multi-stage build of the products service.
#   docker build -t products-api .
#   docker run -p 8080:8080 -e APP_PROFILE=prod -e DATABASE_URL=postgresql://... products-api

# --- build stage: Maven with JDK 17 -----------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build

# Dependencies first, in their own layer: it is rebuilt only when pom.xml changes. .mvn/jvm.config
# opens javac to Error Prone, which the build runs.
COPY .mvn ./.mvn
COPY pom.xml ./
RUN mvn -B -q -e dependency:go-offline

# Then the sources, the contract, the migrations and the configuration defaults.
COPY src ./src
COPY conf ./conf
COPY db ./db
COPY openapi.yaml asyncapi.yaml ./
# Makes target/products-api.jar (with the embedded PostgreSQL and Redis, for `java -jar` on a bare
# machine) and target/products-api-server.jar (without them: DATABASE_URL and REDIS_URL required),
# the one this image runs. The embedded servers' jars are still downloaded above: the code that
# starts them is compiled, and only left out when the server jar is shaded.
RUN mvn -B -q package -DskipTests

# --- runtime stage: a slim JRE 17 and only what the service needs -----------
FROM eclipse-temurin:17-jre-jammy AS runtime

# curl answers the HEALTHCHECK; nothing else is added to the base image.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid app --home-dir /app --shell /usr/sbin/nologin app

WORKDIR /app
# The server jar, about 37 MB: no embedded PostgreSQL or Redis (which the prod profile refuses
# anyway); without DATABASE_URL or REDIS_URL it exits with code 2 and one line saying so.
COPY --from=build /build/target/products-api-server.jar ./products-api-server.jar
COPY conf ./conf
RUN mkdir -p /app/data && chown -R app:app /app/data

USER app

# Container-aware JVM: size the heap from the container's memory limit, die on OOM so the
# orchestrator restarts the container, keep the GC pauses short.
ENV APP_PROFILE=prod \
    HTTP_PORT=8080 \
    DATA_DIR=/app/data \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:InitialRAMPercentage=25 -XX:+ExitOnOutOfMemoryError -XX:+UseG1GC -Djava.security.egd=file:/dev/urandom"

EXPOSE 8080

# (No --start-period: the service is up in seconds, and 3 retries at 10s cover the start.)
HEALTHCHECK --interval=10s --timeout=3s --retries=3 CMD curl -fsS http://127.0.0.1:8080/healthz/live || exit 1

# exec form: java is PID 1 and receives SIGTERM directly, so the graceful stop runs.
ENTRYPOINT ["java", "-jar", "/app/products-api-server.jar"]
CMD ["serve"]
