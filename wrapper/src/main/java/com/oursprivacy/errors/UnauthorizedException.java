package com.oursprivacy.errors;

import java.util.List;
import java.util.Map;

/** HTTP 401. The API key is missing, invalid or expired. */
public final class UnauthorizedException extends OursApiException {
  private static final long serialVersionUID = 1L;

  UnauthorizedException(
      String error,
      String details,
      Map<String, List<String>> headers,
      String rawBody,
      String unredactedRawBody) {
    super(401, error, details, headers, rawBody, unredactedRawBody);
  }
}
