package com.oursprivacy.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;

/**
 * A response body read through a byte budget. The budget counts bytes as the caller sees them, that
 * is after OkHttp's transparent gzip inflation, so a small compressed body that inflates to a
 * gigabyte stops at the limit like a large plain one. Also remembers whether a read failed in the
 * network (cut off, timed out, over the limit) rather than in the parser, which the parser's own
 * exceptions cannot tell.
 */
final class BoundedBody {
  /** Thrown by reads once more than the limit has been read. */
  static final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    TooLargeException(long limit) {
      super("response body exceeds maxResponseBytes (" + limit + " bytes)");
    }
  }

  private final long limit;
  private final BufferedSource source;
  private long read;
  private IOException networkFailure;

  BoundedBody(ResponseBody body, long limit) {
    this.limit = limit;
    this.source =
        Okio.buffer(
            new ForwardingSource(body.source()) {
              @Override
              public long read(Buffer sink, long byteCount) throws IOException {
                if (networkFailure != null) {
                  throw networkFailure;
                }
                long n;
                try {
                  n = super.read(sink, byteCount);
                } catch (IOException e) {
                  networkFailure = e;
                  throw e;
                }
                if (n > 0) {
                  read += n;
                  if (read > limit) {
                    networkFailure = new TooLargeException(limit);
                    throw networkFailure;
                  }
                }
                return n;
              }
            });
  }

  /** Whether the body, declared by its {@code Content-Length}, is over the limit before reading. */
  static boolean declaredTooLarge(ResponseBody body, long limit) {
    return body.contentLength() > limit;
  }

  /** The bounded stream; read it once. */
  BufferedSource source() {
    return source;
  }

  /** The failure of the last network read, or null: set once a read failed for any reason. */
  IOException networkFailure() {
    return networkFailure;
  }

  /** The whole (bounded) body as UTF-8, for error bodies, which the exception keeps. */
  String readUtf8() throws IOException {
    return source.readString(StandardCharsets.UTF_8);
  }

  /**
   * Up to {@code max} leading bytes as UTF-8 without consuming them, for debug logs; empty when
   * they cannot be read (the parse that follows will meet the same failure and report it).
   */
  String peekUtf8(long max) {
    try {
      BufferedSource peek = source.peek();
      peek.request(max);
      Buffer b = new Buffer();
      peek.read(b, Math.min(max, source.getBuffer().size()));
      return b.readUtf8();
    } catch (IOException e) {
      return "";
    }
  }

  long limit() {
    return limit;
  }
}
