package com.oursprivacy.errors;

import java.util.List;
import java.util.Map;

/** HTTP 404. The resource does not exist, or is not visible to this key. */
public final class NotFoundException extends OursApiException {
  private static final long serialVersionUID = 1L;

  NotFoundException(
      String error,
      String details,
      Map<String, List<String>> headers,
      String rawBody,
      String unredactedRawBody) {
    super(404, error, details, headers, rawBody, unredactedRawBody);
  }
}
