package dev.products.platform.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import io.vertx.core.http.HttpClosedException;
import java.io.IOException;
import org.slf4j.Marker;

/**
 * Drops vertx-web's {@code SockJSSocket exception} ERROR when the exception is only the client
 * going away (connection reset, broken pipe, connection closed): the event bus bridge logs every
 * socket exception at ERROR, and a browser tab closing is not something an operator acts on. The
 * bridge's own handler logs these at DEBUG ({@code dev.products.live.EventBusBridge}); any other
 * exception on a bridge socket is still an ERROR.
 */
public final class SockJsDisconnects extends TurboFilter {

  static final String BRIDGE_LOGGER = "io.vertx.ext.web.handler.sockjs.impl.EventBusBridgeImpl";
  static final String SOCKET_EXCEPTION = "SockJSSocket exception";

  @Override
  public FilterReply decide(
      Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    return SOCKET_EXCEPTION.equals(format)
            && logger.getName().equals(BRIDGE_LOGGER)
            && isDisconnect(t)
        ? FilterReply.DENY
        : FilterReply.NEUTRAL;
  }

  static boolean isDisconnect(Throwable t) {
    return t instanceof IOException || t instanceof HttpClosedException;
  }
}
