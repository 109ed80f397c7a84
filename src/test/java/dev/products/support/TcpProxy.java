package dev.products.support;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy a test can cut and restore: a network partition between one client and a server (one
 * node and Redis) while everyone else still reaches that server directly. Cut, it drops the
 * connections it carries and every new one at once.
 */
public final class TcpProxy implements AutoCloseable {

  private final NetServer server;
  private final NetClient client;
  private final Set<NetSocket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean cut;

  private TcpProxy(NetServer server, NetClient client) {
    this.server = server;
    this.client = client;
  }

  /** Listens on a free port of 127.0.0.1 and forwards to {@code host:port}. */
  public static TcpProxy start(Vertx vertx, String host, int port) {
    NetClient client = vertx.createNetClient();
    NetServer server = vertx.createNetServer();
    TcpProxy proxy = new TcpProxy(server, client);
    server.connectHandler(inbound -> proxy.accept(inbound, host, port));
    server.listen(0, "127.0.0.1").await();
    return proxy;
  }

  private void accept(NetSocket inbound, String host, int port) {
    if (cut) {
      inbound.close();
      return;
    }
    inbound.pause();
    client
        .connect(port, host)
        .onFailure(failed -> inbound.close())
        .onSuccess(
            outbound -> {
              open.add(inbound);
              open.add(outbound);
              inbound.handler(outbound::write);
              outbound.handler(inbound::write);
              inbound.closeHandler(v -> closeBoth(inbound, outbound));
              outbound.closeHandler(v -> closeBoth(inbound, outbound));
              inbound.resume();
            });
  }

  private void closeBoth(NetSocket inbound, NetSocket outbound) {
    open.remove(inbound);
    open.remove(outbound);
    inbound.close();
    outbound.close();
  }

  public int port() {
    return server.actualPort();
  }

  /** The partition begins: every connection through the proxy drops, new ones are refused. */
  public void cut() {
    cut = true;
    open.forEach(NetSocket::close);
  }

  /** The partition ends. */
  public void restore() {
    cut = false;
  }

  @Override
  public void close() {
    cut();
    server.close().await();
    client.close().await();
  }
}
