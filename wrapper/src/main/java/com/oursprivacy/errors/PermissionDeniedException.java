package com.oursprivacy.errors;

import java.util.List;
import java.util.Map;

/**
 * HTTP 403. The API key lacks the scope this operation needs (the scope is named in the operation's
 * documentation).
 */
public final class PermissionDeniedException extends OursApiException {
  private static final long serialVersionUID = 1L;

  PermissionDeniedException(
      String error,
      String details,
      Map<String, List<String>> headers,
      String rawBody,
      String unredactedRawBody) {
    super(403, error, details, headers, rawBody, unredactedRawBody);
  }
}
