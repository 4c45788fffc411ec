package com.oursprivacy.benchmarks.server;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal HTTP/1.1 keep-alive server on 127.0.0.1 that answers canned bodies as fast as it can:
 * one daemon thread per connection (clients pool their connections, so there are few), no logging,
 * no routing framework. Request bodies with {@code Content-Length} or chunked encoding are read
 * fully and handed to the {@link Handler}.
 *
 * <pre>{@code
 * try (LoopbackServer server = LoopbackServer.start(new Routes())) {
 *   String base = server.baseUrl();   // http://127.0.0.1:PORT
 * }
 * }</pre>
 */
public final class LoopbackServer implements AutoCloseable {
  /** Produces the response for one request; called concurrently from connection threads. */
  public interface Handler {
    /** Writes a full response, status line to body, with {@link Reply}. */
    void handle(String method, String target, byte[] body, Reply reply) throws IOException;
  }

  private final ServerSocket socket;
  private final Handler handler;
  private volatile boolean closed;

  private LoopbackServer(ServerSocket socket, Handler handler) {
    this.socket = socket;
    this.handler = handler;
  }

  /** Binds an ephemeral port on 127.0.0.1 and starts accepting. */
  public static LoopbackServer start(Handler handler) throws IOException {
    ServerSocket s = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
    LoopbackServer server = new LoopbackServer(s, handler);
    Thread acceptor = new Thread(server::acceptLoop, "loopback-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    return server;
  }

  /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
  public String baseUrl() {
    return "http://127.0.0.1:" + socket.getLocalPort();
  }

  @Override
  public void close() throws IOException {
    closed = true;
    socket.close();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket c = socket.accept();
        c.setTcpNoDelay(true);
        Thread t = new Thread(() -> serve(c), "loopback-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket c) {
    try (Socket conn = c;
        InputStream in = new BufferedInputStream(new QuickAckInputStream(conn), 64 * 1024);
        OutputStream out = new BufferedOutputStream(conn.getOutputStream(), 64 * 1024)) {
      Reply reply = new Reply(out);
      while (true) {
        String requestLine = line(in);
        if (requestLine == null || requestLine.isEmpty()) {
          return;
        }
        long length = 0;
        boolean chunked = false;
        boolean close = false;
        for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
          int colon = h.indexOf(':');
          String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
          String value = h.substring(colon + 1).trim();
          if (name.equals("content-length")) {
            length = Long.parseLong(value);
          } else if (name.equals("transfer-encoding")) {
            chunked = value.equalsIgnoreCase("chunked");
          } else if (name.equals("connection")) {
            close = value.equalsIgnoreCase("close");
          }
        }
        byte[] body = chunked ? chunked(in) : in.readNBytes((int) length);
        int sp1 = requestLine.indexOf(' ');
        int sp2 = requestLine.indexOf(' ', sp1 + 1);
        handler.handle(
            requestLine.substring(0, sp1), requestLine.substring(sp1 + 1, sp2), body, reply);
        out.flush();
        if (close) {
          return;
        }
      }
    } catch (IOException | RuntimeException e) {
      // the client went away; nothing to report in a benchmark server
    }
  }

  private static byte[] chunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String size = line(in);
      int ext = size.indexOf(';'); // a chunk size may carry ";name=value" extensions
      int n = Integer.parseInt((ext < 0 ? size : size.substring(0, ext)).trim(), 16);
      if (n == 0) {
        while (!line(in).isEmpty()) {
          // trailers
        }
        return body.toByteArray();
      }
      body.write(in.readNBytes(n));
      line(in);
    }
  }

  /** One CRLF-terminated ASCII line without its terminator; null at end of stream. */
  private static String line(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder(64);
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        int len = sb.length();
        return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
      }
      sb.append((char) b);
    }
    return sb.length() == 0 ? null : sb.toString();
  }

  /** Writes one response on a connection's buffered stream. */
  public static final class Reply {
    private static final byte[] CRLF = {'\r', '\n'};
    private final OutputStream out;

    Reply(OutputStream out) {
      this.out = out;
    }

    /** A JSON response whose body is the concatenation of {@code parts}. */
    public void json(int status, byte[]... parts) throws IOException {
      long length = 0;
      for (byte[] p : parts) {
        length += p.length;
      }
      String head =
          "HTTP/1.1 "
              + status
              + (status == 200 ? " OK" : " Status")
              + "\r\nContent-Type: application/json\r\nContent-Length: "
              + length
              + "\r\n\r\n";
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      for (byte[] p : parts) {
        out.write(p);
      }
    }

    /** A status with an empty body. */
    public void empty(int status) throws IOException {
      out.write(
          ("HTTP/1.1 " + status + " Status\r\nContent-Length: 0")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.write(CRLF);
      out.write(CRLF);
    }
  }
}
