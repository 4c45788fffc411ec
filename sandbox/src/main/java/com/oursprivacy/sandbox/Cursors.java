package com.oursprivacy.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Opaque cursors: base64url of an offset and a salt chosen per sandbox, so a cursor from another
 * sandbox, an edited one or random text is rejected instead of silently misread.
 */
final class Cursors {
  private final String salt;

  Cursors() {
    byte[] b = new byte[6];
    new SecureRandom().nextBytes(b);
    this.salt = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  String encode(int offset) {
    String raw = "c1:" + offset + ":" + salt;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The offset a cursor stands for.
   *
   * @throws IllegalArgumentException when the cursor was not made by this sandbox
   */
  int decode(String cursor) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      String[] parts = raw.split(":", -1);
      if (parts.length == 3 && parts[0].equals("c1") && parts[2].equals(salt)) {
        int offset = Integer.parseInt(parts[1]);
        if (offset >= 0) {
          return offset;
        }
      }
    } catch (IllegalArgumentException e) {
      // falls through to the one message below
    }
    throw new IllegalArgumentException(
        "cursor: malformed; send back exactly the pagination.nextCursor you received");
  }
}
