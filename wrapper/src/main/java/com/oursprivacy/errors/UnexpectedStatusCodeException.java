package com.oursprivacy.errors;

import java.util.List;
import java.util.Map;

/**
 * A non-2xx status the API does not document (for example 405 or 418); 3xx is {@link
 * RedirectException}.
 */
public final class UnexpectedStatusCodeException extends OursApiException {
  private static final long serialVersionUID = 1L;

  UnexpectedStatusCodeException(
      int status,
      String error,
      String details,
      Map<String, List<String>> headers,
      String rawBody,
      String unredactedRawBody) {
    super(status, error, details, headers, rawBody, unredactedRawBody);
  }
}
