package com.oursprivacy.internal;

import com.oursprivacy.errors.OursValidationException;
import java.util.Locale;

/**
 * Checks header names and values when options and clients are built, so that a bad one fails with
 * an {@link OursValidationException} naming the field instead of an OkHttp {@code
 * IllegalArgumentException} at call time, whose message would quote the value (possibly a
 * credential). Messages here give the position and code of the offending character, never the
 * value. <b>Internal, no compatibility guarantee.</b>
 */
public final class HeaderRules {
  private static final String TCHAR_SYMBOLS = "!#$%&'*+-.^_`|~";

  private HeaderRules() {}

  /**
   * A header name must be a non-empty RFC 9110 token (letters, digits and {@code !#$%&'*+-.^_`|~}).
   *
   * @param field what to call the name in the message, e.g. {@code options.header}
   * @throws OursValidationException when it is not
   */
  public static void requireName(String field, String name) {
    if (name.isEmpty()) {
      throw new OursValidationException(field, "a header name must not be empty");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok =
          (c >= '0' && c <= '9')
              || (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || TCHAR_SYMBOLS.indexOf(c) >= 0;
      if (!ok) {
        throw new OursValidationException(
            field,
            "header name has "
                + describe(c)
                + " at index "
                + i
                + "; names are letters, digits and !#$%&'*+-.^_`|~ only");
      }
    }
  }

  /**
   * A header value (or a credential that travels in one) must be visible ASCII, spaces and tabs: no
   * CR, LF or other control character, nothing above U+007E.
   *
   * @param field what to call the value in the message, e.g. {@code apiKey} or {@code
   *     options.header(X-Trace)}
   * @throws OursValidationException when it is not; the message never contains the value
   */
  public static void requireValue(String field, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c != '\t' && (c < 0x20 || c > 0x7e)) {
        throw new OursValidationException(
            field,
            "value has "
                + describe(c)
                + " at index "
                + i
                + "; header values must be visible ASCII, spaces or tabs (value not shown)");
      }
    }
  }

  /** A header name fit for a message: printable ASCII kept, anything else as {@code ?}. */
  public static String printable(String name) {
    StringBuilder sb = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      sb.append(c > 0x20 && c < 0x7f ? c : '?');
    }
    return sb.toString();
  }

  private static String describe(char c) {
    if (c == '\r') {
      return "a carriage return (CR)";
    }
    if (c == '\n') {
      return "a line feed (LF)";
    }
    if (c < 0x20 || c == 0x7f) {
      return "a control character (U+" + String.format(Locale.ROOT, "%04X", (int) c) + ")";
    }
    if (c > 0x7f) {
      return "a non-ASCII character (U+" + String.format(Locale.ROOT, "%04X", (int) c) + ")";
    }
    return "the character '" + c + "'";
  }
}
