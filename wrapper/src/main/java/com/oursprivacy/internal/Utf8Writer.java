package com.oursprivacy.internal;

import java.io.IOException;
import okio.BufferedSink;

/**
 * A {@link java.io.Writer} that encodes straight into an Okio sink with its own UTF-8 encoder.
 * Hand-written because Okio offers only a byte stream ({@code sink.outputStream()}), and an {@code
 * OutputStreamWriter} over it wraps every one of {@link JsonWriter}'s many small writes (a name, a
 * quote, a comma) in a new {@code CharBuffer} and char array: the profile of a tracker run showed
 * that as 60 % of all bytes the client allocated and its largest CPU cost. A surrogate pair split
 * across two calls is joined; a lone surrogate becomes {@code ?}, as in Okio.
 */
public final class Utf8Writer extends java.io.Writer {
  /** Bytes gathered before they move (by segment, without copying) to the real sink. */
  private static final long EMIT_BYTES = 16 * 1024;

  private final BufferedSink out;
  private final okio.Buffer sink = new okio.Buffer();
  private char high; // a high surrogate waiting for its low half, or 0

  /**
   * Writes into a local {@link okio.Buffer}, handed to {@code out} every {@link #EMIT_BYTES} and on
   * {@link #flush}: a {@code RealBufferedSink} checks for complete segments after every write,
   * which for JsonWriter's many tiny writes cost as much as the encoding.
   */
  public Utf8Writer(BufferedSink out) {
    this.out = out;
  }

  private void emitIfLarge() throws IOException {
    if (sink.size() >= EMIT_BYTES) {
      out.write(sink, sink.size());
    }
  }

  @Override
  public void write(int c) throws IOException {
    char ch = (char) c;
    if (high != 0) {
      char h = high;
      high = 0;
      if (Character.isLowSurrogate(ch)) {
        sink.writeUtf8CodePoint(Character.toCodePoint(h, ch));
        return;
      }
      sink.writeByte('?');
    }
    if (ch < 0x80) {
      sink.writeByte(ch);
    } else if (Character.isHighSurrogate(ch)) {
      high = ch;
    } else {
      sink.writeUtf8CodePoint(Character.isLowSurrogate(ch) ? '?' : ch);
    }
  }

  @Override
  public void write(String s, int off, int len) throws IOException {
    if (len == 0) {
      return;
    }
    int from = off;
    int end = off + len;
    while (high != 0 && from < end) {
      write(s.charAt(from++)); // completes (or rejects) the pending pair
    }
    if (from < end && Character.isHighSurrogate(s.charAt(end - 1))) {
      end--; // its low half comes with the next write
      high = s.charAt(end);
    }
    sink.writeUtf8(s, from, end);
    emitIfLarge();
  }

  @Override
  public void write(String s) throws IOException {
    write(s, 0, s.length());
  }

  @Override
  public void write(char[] buf, int off, int len) throws IOException {
    for (int i = off; i < off + len; i++) {
      write(buf[i]);
    }
  }

  /** Writes everything so far to the real sink (a pending high surrogate becomes {@code ?}). */
  @Override
  public void flush() throws IOException {
    if (high != 0) {
      high = 0;
      sink.writeByte('?');
    }
    out.write(sink, sink.size());
    out.flush();
  }

  @Override
  public void close() throws IOException {
    flush();
  }
}
