package com.oursprivacy.errors;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The server answered with a redirect (3xx). The SDK never follows redirects: a redirected POST
 * would either be re-sent, body and credentials included, to a host nobody configured (307/308) or
 * silently turn into a GET that reports success without having created anything (301-303). Point
 * the client's base URL at the final address instead.
 *
 * <p>{@link #location()} is the {@code Location} header with any userinfo removed and secret query
 * values masked, as in logs.
 *
 * @since 0.1.0
 */
public final class RedirectException extends OursApiException {
  private static final long serialVersionUID = 1L;

  RedirectException(
      int status,
      String error,
      String details,
      Map<String, List<String>> headers,
      String rawBody,
      String unredactedRawBody) {
    super(status, error, details, headers, rawBody, unredactedRawBody);
  }

  /**
   * The status and where the server wanted to send the request, e.g. {@code 307 redirect to
   * https://eu.example.com/rest/v1/destinations (not followed: set the base URL to the final
   * address)}; the location is redacted as {@link #location()} is.
   */
  @Override
  public String getMessage() {
    return super.getMessage()
        + " redirect to "
        + location().orElse("(no Location header)")
        + " (not followed: set the base URL to the final address)";
  }

  /** {@return where the server wanted to send the request (redacted), when it said} */
  public Optional<String> location() {
    return header("Location");
  }
}
