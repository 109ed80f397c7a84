package dev.products.platform.redis;

import dev.products.platform.config.RedisUrl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import redis.embedded.RedisServer;

/**
 * A real {@code redis-server}, the binary packaged on Maven Central (embedded-redis), bound to
 * 127.0.0.1. It keeps nothing on disk: what it holds (rate-limit counters, cache entries) is meant
 * to be lost on restart. Blocking: call it from a worker thread.
 */
public final class EmbeddedRedisServer implements AutoCloseable {

  private final RedisServer server;
  private final int port;

  private EmbeddedRedisServer(RedisServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /**
   * Starts on {@code port}, or on a free port when it is 0; {@code workDir} holds its working
   * files.
   */
  public static EmbeddedRedisServer start(Path workDir, int port) {
    try {
      Files.createDirectories(workDir);
      int chosen = port > 0 ? port : freePort();
      RedisServer server =
          RedisServer.newRedisServer()
              .bind("127.0.0.1")
              .port(chosen)
              .setting("dir " + workDir.toAbsolutePath())
              .setting("save \"\"")
              .setting("appendonly no")
              .setting("protected-mode yes")
              .onShutdownForceStop(true)
              .build();
      server.start();
      return new EmbeddedRedisServer(server, chosen);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the embedded Redis in " + workDir, e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  public RedisUrl url() {
    return RedisUrl.local(port);
  }

  public int port() {
    return port;
  }

  public boolean running() {
    return server.isActive();
  }

  /** Starts it again on the same port, after {@link #stop()}. */
  public void restart() {
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not restart the embedded Redis on port " + port, e);
    }
  }

  public void stop() {
    try {
      server.stop();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    if (server.isActive()) {
      stop();
    }
  }
}
