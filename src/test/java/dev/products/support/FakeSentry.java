package dev.products.support;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * Plays Sentry's ingestion API on 127.0.0.1: accepts envelopes at {@code /api/<project>/envelope/}
 * (gzip or not) and keeps every JSON item it receives, so a test can look at the events the SDK
 * really sent over HTTP.
 */
public final class FakeSentry implements AutoCloseable {

  private final HttpServer server;
  private final List<JsonObject> items = new CopyOnWriteArrayList<>();

  private FakeSentry(Vertx vertx) {
    this.server =
        vertx
            .createHttpServer()
            .requestHandler(
                request ->
                    request
                        .body()
                        .onSuccess(
                            body -> {
                              if (request.path().matches("/api/\\d+/envelope/?")) {
                                items.addAll(
                                    parse(
                                        body,
                                        "gzip"
                                            .equalsIgnoreCase(
                                                request.getHeader("Content-Encoding"))));
                              }
                              request
                                  .response()
                                  .putHeader("Content-Type", "application/json")
                                  .end("{\"id\":\"ok\"}");
                            }));
  }

  public static FakeSentry start(Vertx vertx) {
    FakeSentry fake = new FakeSentry(vertx);
    fake.server.listen(0, "127.0.0.1").await();
    return fake;
  }

  public String dsn() {
    return "http://publickey@127.0.0.1:" + server.actualPort() + "/42";
  }

  /** Waits for an event (an envelope item with an exception) that matches. */
  public JsonObject awaitEvent(Predicate<JsonObject> matching) {
    List<JsonObject> seen =
        Eventually.eventually(
            Duration.ofSeconds(15),
            () -> List.copyOf(items),
            all ->
                all.stream()
                    .anyMatch(item -> item.containsKey("exception") && matching.test(item)));
    return seen.stream()
        .filter(item -> item.containsKey("exception") && matching.test(item))
        .findFirst()
        .orElseThrow();
  }

  private static List<JsonObject> parse(Buffer body, boolean gzipped) {
    String text;
    try {
      byte[] bytes = body.getBytes();
      text =
          new String(
              gzipped ? new GZIPInputStream(new ByteArrayInputStream(bytes)).readAllBytes() : bytes,
              StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<JsonObject> parsed = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.startsWith("{")) {
        try {
          parsed.add(new JsonObject(line));
        } catch (RuntimeException notJson) {
          // attachments may be other formats; events are JSON
        }
      }
    }
    return parsed;
  }

  @Override
  public void close() {
    server.close().await();
  }
}
