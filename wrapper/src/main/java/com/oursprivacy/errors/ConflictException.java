package com.oursprivacy.errors;

import java.util.List;
import java.util.Map;

/**
 * HTTP 409. The request conflicts with the resource's current state (for example a duplicate name).
 */
public final class ConflictException extends OursApiException {
  private static final long serialVersionUID = 1L;

  ConflictException(
      String error,
      String details,
      Map<String, List<String>> headers,
      String rawBody,
      String unredactedRawBody) {
    super(409, error, details, headers, rawBody, unredactedRawBody);
  }
}
