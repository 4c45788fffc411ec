package com.oursprivacy.benchmarks.server;

import java.io.FilterInputStream;
import java.io.IOException;
import java.net.Socket;
import jdk.net.ExtendedSocketOptions;

/**
 * Re-arms Linux {@code TCP_QUICKACK} before every read, so the server acknowledges each segment at
 * once. Why: OkHttp leaves Nagle's algorithm on, and writes a request body larger than one okio
 * segment (8 KiB) in several small writes; the last one then waits for the ACK of the previous,
 * which a receiver in delayed-ACK mode holds back for 40 ms. Real servers see the same stall, but
 * it would make every client here look equally slow (about 25 batches/s), measuring the kernel
 * instead of the client. Where the option is unsupported this is a no-op.
 */
final class QuickAckInputStream extends FilterInputStream {
  private final Socket socket;
  private boolean supported = true;

  QuickAckInputStream(Socket socket) throws IOException {
    super(socket.getInputStream());
    this.socket = socket;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    quickAck();
    return super.read(b, off, len);
  }

  @Override
  public int read() throws IOException {
    quickAck();
    return super.read();
  }

  private void quickAck() {
    if (supported) {
      try {
        socket.setOption(ExtendedSocketOptions.TCP_QUICKACK, true);
      } catch (IOException | UnsupportedOperationException e) {
        supported = false;
      }
    }
  }
}
