package dev.products.support;

import io.vertx.core.MultiMap;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * A deliberately small HTTP/1.1 client over a plain socket: it writes exactly the bytes it is given
 * (so malformed requests can be sent), then reads one answer: status line, headers, and a body
 * framed by Content-Length, chunked transfer coding or the end of the connection. One connection
 * per request; the request should say {@code Connection: close}. Every read is bounded by one
 * deadline, so a request that never gets an answer ends in a {@link NoAnswer} instead of a hung
 * test.
 */
public final class RawHttp {

  private static final int MAX_HEAD = 256 * 1024;
  private static final int MAX_BODY = 32 * 1024 * 1024;

  private RawHttp() {}

  /** The answer as it came off the wire. */
  public record Response(
      String statusLine, int status, MultiMap headers, byte[] body, long millis) {}

  /** No complete answer within the deadline, or the connection ended without one. */
  public static final class NoAnswer extends Exception {
    private final boolean timedOut;

    NoAnswer(String message, boolean timedOut, Throwable cause) {
      super(message, cause);
      this.timedOut = timedOut;
    }

    public boolean timedOut() {
      return timedOut;
    }
  }

  /**
   * Sends {@code request} and reads the answer. {@code head} says the request was HEAD, whose
   * answer has no body whatever its Content-Length says.
   */
  public static Response exchange(
      String host, int port, byte[] request, boolean head, Duration timeout) throws NoAnswer {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    try (Socket socket = new Socket()) {
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(host, port), (int) Math.max(1, timeout.toMillis()));
      Deadline in = new Deadline(socket, deadline);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request);
        out.flush();
      } catch (IOException writeFailed) {
        // The server may answer (413, 431, ...) and close before it has read everything: read that
        // answer.
      }
      while (true) {
        String statusLine = in.line();
        if (statusLine == null) {
          throw new NoAnswer("the connection closed before any answer", false, null);
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
          throw new NoAnswer("not an HTTP status line: " + statusLine, false, null);
        }
        int status = Integer.parseInt(parts[1]);
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        int headBytes = statusLine.length();
        for (String line = in.line(); line != null && !line.isEmpty(); line = in.line()) {
          headBytes += line.length();
          if (headBytes > MAX_HEAD) {
            throw new NoAnswer("response head larger than " + MAX_HEAD + " bytes", false, null);
          }
          int colon = line.indexOf(':');
          if (colon > 0) {
            headers.add(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
          }
        }
        if (status >= 100 && status < 200 && status != 101) {
          continue; // an interim answer (100 Continue): the real one follows
        }
        byte[] body;
        String transferEncoding = headers.get("Transfer-Encoding");
        String contentLength = headers.get("Content-Length");
        if (head || status == 204 || status == 304 || status == 101) {
          body = new byte[0];
        } else if (transferEncoding != null
            && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
          body = in.chunked();
        } else if (contentLength != null) {
          long length = Long.parseLong(contentLength.trim());
          if (length > MAX_BODY) {
            throw new NoAnswer(
                "Content-Length " + length + " is larger than this client reads", false, null);
          }
          body = in.exactly((int) length);
        } else {
          body = in.rest();
        }
        return new Response(
            statusLine, status, headers, body, (System.nanoTime() - start) / 1_000_000);
      }
    } catch (SocketTimeoutException e) {
      throw new NoAnswer("no complete answer within " + timeout.toMillis() + " ms", true, e);
    } catch (IOException | NumberFormatException e) {
      throw new NoAnswer("the exchange failed: " + e, false, e);
    }
  }

  /** Reads from a socket, never past the deadline. */
  private static final class Deadline {
    private final Socket socket;
    private final InputStream in;
    private final long deadline;

    Deadline(Socket socket, long deadline) throws IOException {
      this.socket = socket;
      this.in = socket.getInputStream();
      this.deadline = deadline;
    }

    private int read() throws IOException {
      arm();
      return in.read();
    }

    private int read(byte[] buffer, int offset, int length) throws IOException {
      arm();
      return in.read(buffer, offset, length);
    }

    private void arm() throws IOException {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        throw new SocketTimeoutException("deadline passed");
      }
      socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
    }

    /** One line without its CRLF (or LF), in ISO-8859-1; null at the end of the stream. */
    String line() throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int b;
      while ((b = read()) != -1) {
        if (b == '\n') {
          byte[] bytes = line.toByteArray();
          int length =
              bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
          return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
        }
        line.write(b);
        if (line.size() > MAX_HEAD) {
          throw new IOException("line longer than " + MAX_HEAD + " bytes");
        }
      }
      return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    byte[] exactly(int length) throws IOException {
      byte[] body = new byte[length];
      int read = 0;
      while (read < length) {
        int n = read(body, read, length - read);
        if (n < 0) {
          throw new IOException(
              "the connection closed after " + read + " of " + length + " body bytes");
        }
        read += n;
      }
      return body;
    }

    byte[] chunked() throws IOException {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      while (true) {
        String size = line();
        if (size == null) {
          throw new IOException("the connection closed inside a chunked body");
        }
        int semicolon = size.indexOf(';');
        int length =
            Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
        if (length == 0) {
          for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {
            // trailers are not used here
          }
          return body.toByteArray();
        }
        if (body.size() + length > MAX_BODY) {
          throw new IOException("chunked body larger than this client reads");
        }
        body.write(exactly(length));
        line(); // the CRLF after the chunk
      }
    }

    byte[] rest() throws IOException {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      int n;
      while ((n = read(buffer, 0, buffer.length)) != -1) {
        body.write(buffer, 0, n);
        if (body.size() > MAX_BODY) {
          throw new IOException("body larger than this client reads");
        }
      }
      return body.toByteArray();
    }
  }
}
