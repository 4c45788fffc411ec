package com.oursprivacy.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP/1.1 server that answers every request with a scripted raw reply, for what
 * WireMock cannot play: bodies that stall byte by byte, lie about their length, or stream far more
 * than a test should hold in memory. Each connection gets its own daemon thread.
 */
public final class RawServer implements AutoCloseable {
  /** Writes the whole reply, status line included, to {@code out}. */
  public interface Reply {
    void write(OutputStream out) throws IOException, InterruptedException;
  }

  private final ServerSocket socket;
  private final Reply reply;
  private final AtomicInteger requests = new AtomicInteger();

  public RawServer(Reply reply) throws IOException {
    this.reply = reply;
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::acceptLoop, "raw-server");
    t.setDaemon(true);
    t.start();
  }

  /** {@code http://127.0.0.1:port} */
  public String baseUrl() {
    return "http://127.0.0.1:" + socket.getLocalPort();
  }

  /** Requests whose head was received so far. */
  public int requests() {
    return requests.get();
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try {
        Socket s = socket.accept();
        Thread t = new Thread(() -> serve(s), "raw-server-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (Socket c = s) {
      readHead(c.getInputStream());
      requests.incrementAndGet();
      reply.write(c.getOutputStream());
      c.getOutputStream().flush();
    } catch (IOException | InterruptedException gone) {
      // the client hung up: expected in tests that cut a body short
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int state = 0;
    int b;
    while (state < 4 && (b = in.read()) != -1) {
      head.write(b);
      state = (b == '\r' || b == '\n') ? state + 1 : 0;
    }
    String h = head.toString(StandardCharsets.ISO_8859_1);
    int cl = h.toLowerCase(java.util.Locale.ROOT).indexOf("content-length:");
    if (cl >= 0) {
      int end = h.indexOf('\r', cl);
      long n = Long.parseLong(h.substring(cl + 15, end).trim());
      in.readNBytes((int) n);
    }
    return h;
  }

  /** A status line and headers, each header as {@code "Name: value"}, ending the head. */
  public static byte[] head(int status, String... headers) {
    StringBuilder sb = new StringBuilder("HTTP/1.1 ").append(status).append(" X\r\n");
    for (String h : headers) {
      sb.append(h).append("\r\n");
    }
    return sb.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
