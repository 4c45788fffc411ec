package com.oursprivacy.errors;

import java.util.List;
import java.util.Map;

/** HTTP 422. The request was well-formed but semantically invalid. */
public final class UnprocessableEntityException extends OursApiException {
  private static final long serialVersionUID = 1L;

  UnprocessableEntityException(
      String error,
      String details,
      Map<String, List<String>> headers,
      String rawBody,
      String unredactedRawBody) {
    super(422, error, details, headers, rawBody, unredactedRawBody);
  }
}
