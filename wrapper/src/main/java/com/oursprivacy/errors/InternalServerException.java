package com.oursprivacy.errors;

import java.util.List;
import java.util.Map;

/**
 * HTTP 5xx: the server failed. Thrown only once the client's retries are used up (5xx is retried).
 */
public final class InternalServerException extends OursApiException {
  private static final long serialVersionUID = 1L;

  InternalServerException(
      int status,
      String error,
      String details,
      Map<String, List<String>> headers,
      String rawBody,
      String unredactedRawBody) {
    super(status, error, details, headers, rawBody, unredactedRawBody);
  }
}
