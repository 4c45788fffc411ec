package com.oursprivacy.core;

import com.oursprivacy.errors.OursValidationException;

/**
 * Where a client exchanges its long-lived key for a short-lived token, for APIs and gateways that
 * want the token on every call: {@code POST <baseUrl>/<path>} with {@code Authorization: Bearer
 * <key>} and an empty JSON object, answered by {@code {"token": "…"}} (also accepted: {@code
 * accessToken}, {@code access_token}, inside a {@code {"data": …}} envelope or not).
 *
 * <p>The client exchanges before its first call and sends {@code Authorization: Bearer <token>}
 * from then on. When a call is answered 401 it exchanges once more (with the key as the key
 * supplier returns it now) and resends that call once; concurrent calls that meet the same 401
 * share one exchange. A refused exchange fails the call with the exchange's own error (a 401 names
 * the key as the problem). The key and every token are masked in logs, messages and {@code
 * toString()}.
 *
 * <pre>{@code
 * OursPrivacy ours = OursPrivacy.builder()
 *     .apiKeySupplier(() -> secrets.current("ours-api-key"))
 *     .tokenExchange(TokenExchange.at("users/get-token"))
 *     .build();
 * }</pre>
 *
 * Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class TokenExchange {
  /** The path of {@link #defaults()}: {@value}. */
  public static final String DEFAULT_PATH = "users/get-token";

  private final String path;

  private TokenExchange(String path) {
    this.path = path;
  }

  /**
   * An exchange at {@value #DEFAULT_PATH} under the client's base URL.
   *
   * @return the exchange
   */
  public static TokenExchange defaults() {
    return new TokenExchange(DEFAULT_PATH);
  }

  /**
   * An exchange at {@code path}, relative to the client's base URL (a leading {@code /} is
   * ignored), e.g. {@code users/get-token}.
   *
   * @param path the exchange endpoint's path
   * @return the exchange
   * @throws OursValidationException naming {@code tokenExchange.path} when it is null, blank or
   *     carries a query or fragment
   */
  public static TokenExchange at(String path) {
    if (path == null) {
      throw new OursValidationException("tokenExchange.path", "is required, got null");
    }
    String p = path.trim();
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    if (p.isEmpty() || p.contains("?") || p.contains("#")) {
      throw new OursValidationException(
          "tokenExchange.path",
          "must be a path relative to the base URL without query or fragment, e.g. "
              + DEFAULT_PATH);
    }
    return new TokenExchange(p);
  }

  /**
   * The endpoint's path relative to the base URL.
   *
   * @return the path, without a leading {@code /}
   */
  public String path() {
    return path;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TokenExchange && ((TokenExchange) o).path.equals(path);
  }

  @Override
  public int hashCode() {
    return path.hashCode();
  }

  @Override
  public String toString() {
    return "TokenExchange{POST " + path + "}";
  }
}
