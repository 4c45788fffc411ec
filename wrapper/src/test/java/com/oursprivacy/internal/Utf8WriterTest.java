package com.oursprivacy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import okio.Buffer;
import okio.BufferedSink;
import okio.Okio;
import okio.Sink;
import org.junit.jupiter.api.Test;

/**
 * The UTF-8 writer behind request bodies and spool rows encodes exactly as the JDK does, however
 * the text is cut up.
 */
class Utf8WriterTest {
  private static final char[] ALPHABET = {
    'a', '"', '\\', '\n', 'é', 'ß', '中', '\u2028', '\uD83D', '\uDE00', '\uD800', '\uDFFF', '{'
  };

  @Test
  void randomTextInRandomPiecesEncodesLikeTheJdk() throws IOException {
    Random random = new Random(13);
    for (int round = 0; round < 2_000; round++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(12); i > 0; i--) {
        text.append(ALPHABET[random.nextInt(ALPHABET.length)]);
      }
      String s = text.toString();
      Buffer out = new Buffer();
      Utf8Writer w = new Utf8Writer(out);
      int pos = 0;
      while (pos < s.length()) {
        int n = 1 + random.nextInt(s.length() - pos);
        switch (random.nextInt(4)) {
          case 0:
            w.write(s.charAt(pos));
            n = 1;
            break;
          case 1:
            w.write(s.toCharArray(), pos, n);
            break;
          case 2:
            w.write(s.substring(pos, pos + n));
            break;
          default:
            w.write(s, pos, n);
        }
        pos += n;
      }
      w.close();

      assertThat(out.readByteArray())
          .as("round %d: %s", round, java.util.Arrays.toString(s.toCharArray()))
          .isEqualTo(s.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void longTextReachesTheSinkInPiecesBeforeTheFlushAndArrivesIntact() throws IOException {
    Random random = new Random(7);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 60_000; i++) {
      text.append(ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    String s = text.toString();
    Buffer out = new Buffer();
    Utf8Writer w = new Utf8Writer(out);
    for (int pos = 0; pos < s.length(); ) {
      int n = Math.min(s.length() - pos, 1 + random.nextInt(1_000));
      w.write(s, pos, n);
      pos += n;
    }
    assertThat(out.size()).isPositive(); // handed on while writing, not held until the end
    w.flush();

    assertThat(out.readByteArray()).isEqualTo(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theLastAndFirstCharOfEachEncodedLengthEncodeLikeTheJdk() throws IOException {
    String s = "\u0000\u007F\u0080\u07FF\u0800\uD7FF\uE000\uFFFF\uD800\uDC00\uDBFF\uDFFF";
    for (int i = 0; i < s.length(); i++) {
      String one = s.substring(i, i + 1);
      if (Character.isSurrogate(one.charAt(0))) {
        continue;
      }
      Buffer out = new Buffer();
      try (Utf8Writer w = new Utf8Writer(out)) {
        w.write(one.charAt(0));
      }
      assertThat(out.readByteArray())
          .as("U+%04X", (int) one.charAt(0))
          .isEqualTo(one.getBytes(StandardCharsets.UTF_8));
    }
    Buffer out = new Buffer();
    try (Utf8Writer w = new Utf8Writer(out)) {
      w.write(s);
    }
    assertThat(out.readByteArray()).isEqualTo(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void flushPushesTheTextThroughABufferedSinkToWhatItWraps() throws IOException {
    Buffer wire = new Buffer();
    BufferedSink sink = Okio.buffer((Sink) wire);
    Utf8Writer w = new Utf8Writer(sink);
    w.write("{\"event\":\"Signup\"}");
    assertThat(wire.size()).isZero(); // held until the flush

    w.flush();

    assertThat(wire.readUtf8()).isEqualTo("{\"event\":\"Signup\"}");
  }

  @Test
  void aPairAcrossTheBufferEdgeIsJoinedAndALoneHighSurrogateAtTheEndBecomesAQuestionMark()
      throws IOException {
    for (int at = 0; at < 1100; at++) {
      String s = "a".repeat(at) + "\uD83D\uDE00" + "b".repeat(3000) + "\uD83D";
      for (boolean large : new boolean[] {false, true}) {
        Buffer out = new Buffer();
        Utf8Writer w = large ? Utf8Writer.large(out) : new Utf8Writer(out);
        for (int i = 0; i < s.length(); i++) {
          w.write(s.charAt(i));
        }
        w.flush();
        assertThat(out.readByteArray())
            .as("pair at %d, large %s", at, large)
            .isEqualTo(s.getBytes(StandardCharsets.UTF_8));
      }
    }
  }
}
