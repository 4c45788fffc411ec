package com.oursprivacy.internal;

import java.io.Writer;
import okio.Buffer;

/**
 * A {@link Writer} that encodes UTF-8 straight into an okio {@link Buffer}, whose segments come
 * from okio's pool. Hand-written because the JDK's route, an {@code OutputStreamWriter} over {@code
 * buffer.outputStream()}, allocates an 8 KiB encoder buffer per writer, more than most request
 * bodies; and a {@code StringWriter} builds the whole body as a {@code String} first. Gson's {@code
 * JsonWriter} hands over whole runs of a string (never half of a surrogate pair: it escapes no
 * surrogate), so each run is encoded in one {@link Buffer#writeUtf8(String, int, int)}.
 */
final class BufferWriter extends Writer {
  private final Buffer buffer;

  BufferWriter(Buffer buffer) {
    this.buffer = buffer;
  }

  @Override
  public void write(int c) {
    if (c < 0x80) {
      buffer.writeByte(c);
    } else {
      buffer.writeUtf8CodePoint(c);
    }
  }

  @Override
  public void write(String str, int off, int len) {
    buffer.writeUtf8(str, off, off + len);
  }

  @Override
  public void write(char[] cbuf, int off, int len) {
    buffer.writeUtf8(new String(cbuf, off, len));
  }

  @Override
  public Writer append(CharSequence csq) {
    String s = String.valueOf(csq);
    buffer.writeUtf8(s);
    return this;
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
