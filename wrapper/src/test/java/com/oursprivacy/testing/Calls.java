package com.oursprivacy.testing;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/** Lets one test body run a call synchronously or asynchronously. */
public final class Calls {
  private Calls() {}

  /** Runs {@code sync}, or joins {@code async} rethrowing the failure the future holds. */
  public static <T> T run(
      boolean async, Supplier<T> sync, Supplier<CompletableFuture<T>> asyncCall) {
    if (!async) {
      return sync.get();
    }
    try {
      return asyncCall.get().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      throw e;
    }
  }
}
