package com.oursprivacy.errors;

import java.util.List;
import java.util.Map;

/** HTTP 400. Bad Request: the request was malformed or failed the server's validation. */
public final class BadRequestException extends OursApiException {
  private static final long serialVersionUID = 1L;

  BadRequestException(
      String error,
      String details,
      Map<String, List<String>> headers,
      String rawBody,
      String unredactedRawBody) {
    super(400, error, details, headers, rawBody, unredactedRawBody);
  }
}
