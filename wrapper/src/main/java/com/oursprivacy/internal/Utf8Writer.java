package com.oursprivacy.internal;

import java.io.IOException;
import okio.BufferedSink;

/**
 * A {@link java.io.Writer} that encodes straight into an Okio sink with its own UTF-8 encoder.
 * Hand-written because Okio offers only a byte stream ({@code sink.outputStream()}), and an {@code
 * OutputStreamWriter} over it wraps every one of {@link com.google.gson.stream.JsonWriter}'s many
 * small writes (a name, a quote, a comma) in a new {@code CharBuffer} and char array: the profile
 * of a tracker run showed that as 60 % of all bytes the client allocated and its largest CPU cost.
 * A surrogate pair split across two calls is joined; a lone surrogate becomes {@code ?}, as in the
 * JDK and Okio.
 *
 * <p><b>Why it gathers chars first.</b> A {@code /batch} body of 100 rows is some 40 writes per
 * row; handing each to Okio ({@code writeUtf8} finds a writable segment and checks its bounds every
 * time) was a fifth of the sending thread's CPU in a tracker profile. Writes now only copy chars
 * into a fixed array, encoded in one pass when it fills and on {@link #flush} (fixed, not grown:
 * growing to a body's size allocated more than the whole tracker did per event).
 */
public final class Utf8Writer extends java.io.Writer {
  // Chars gathered before encoding: by the constructor's writers (a spool row, a request) and by
  // large()'s (a /batch body of many rows).
  private static final int SMALL_CHARS = 64;
  private static final int LARGE_CHARS = 1024;

  private final BufferedSink out;
  private final char[] chars;
  private final byte[] bytes; // at most 3 bytes per char (4 per pair of chars)
  private int count;

  /** Encodes into {@code out} every 64 chars and on flush. */
  public Utf8Writer(BufferedSink out) {
    this(out, SMALL_CHARS);
  }

  private Utf8Writer(BufferedSink out, int size) {
    this.out = out;
    this.chars = new char[size];
    this.bytes = new byte[3 * size];
  }

  /**
   * A writer for a large body: encodes into {@code out} every 1024 chars and on flush.
   *
   * @param out the sink
   * @return the writer
   */
  public static Utf8Writer large(BufferedSink out) {
    return new Utf8Writer(out, LARGE_CHARS);
  }

  @Override
  public void write(int c) throws IOException {
    if (count == chars.length) {
      encode(false);
    }
    chars[count++] = (char) c;
  }

  @Override
  public void write(String s, int off, int len) throws IOException {
    int from = off;
    int end = off + len;
    while (from < end) {
      if (count == chars.length) {
        encode(false);
      }
      int n = Math.min(end - from, chars.length - count);
      s.getChars(from, from + n, chars, count);
      count += n;
      from += n;
    }
  }

  @Override
  public void write(String s) throws IOException {
    write(s, 0, s.length());
  }

  @Override
  public void write(char[] buf, int off, int len) throws IOException {
    write(String.valueOf(buf, off, len)); // rare: JsonWriter writes strings and single chars
  }

  /**
   * Encodes the buffered chars into the sink. Unless {@code all}, a high surrogate at the end stays
   * behind (moved to the front) to meet its low half; with {@code all} it becomes {@code ?}.
   */
  private void encode(boolean all) throws IOException {
    int end = count;
    if (!all && Character.isHighSurrogate(chars[end - 1])) {
      end--;
    }
    int b = 0;
    for (int i = 0; i < end; i++) {
      char c = chars[i];
      if (c < 0x80) {
        bytes[b++] = (byte) c;
      } else if (c < 0x800) {
        bytes[b++] = (byte) (0xC0 | (c >> 6));
        bytes[b++] = (byte) (0x80 | (c & 0x3F));
      } else if (!Character.isSurrogate(c)) {
        bytes[b++] = (byte) (0xE0 | (c >> 12));
        bytes[b++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        bytes[b++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < end
          && Character.isLowSurrogate(chars[i + 1])) {
        int cp = Character.toCodePoint(c, chars[++i]);
        bytes[b++] = (byte) (0xF0 | (cp >> 18));
        bytes[b++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        bytes[b++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        bytes[b++] = (byte) (0x80 | (cp & 0x3F));
      } else {
        bytes[b++] = '?'; // a lone surrogate
      }
    }
    out.write(bytes, 0, b);
    int kept = count - end;
    if (kept > 0) {
      chars[0] = chars[end];
    }
    count = kept;
  }

  /** Writes everything so far to the real sink (a pending high surrogate becomes {@code ?}). */
  @Override
  public void flush() throws IOException {
    if (count > 0) {
      encode(true);
    }
    out.flush();
  }

  @Override
  public void close() throws IOException {
    flush();
  }
}
