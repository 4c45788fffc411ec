package com.oursprivacy.resources;

import java.util.List;

/**
 * Opens the package-private {@link FacadeIndex} to the integration tests (same package on the test
 * class path); the index itself is not public API.
 */
public final class FacadeIndexAccess {
  /** Every operation: x-stainless-method, HTTP method, path, accessor, service method. */
  public static final List<List<String>> OPERATIONS = FacadeIndex.OPERATIONS;

  private FacadeIndexAccess() {}
}
