package com.oursprivacy.pagination;

import java.util.concurrent.CompletableFuture;

/**
 * Fetches one offset-style page without blocking. Implemented by the generated resource services;
 * the {@link AsyncPager} calls it.
 *
 * @param <T> the item type
 */
@FunctionalInterface
public interface AsyncOffsetFetcher<T> {
  /**
   * Starts fetching the page that starts at {@code offset}.
   *
   * @param offset the number of items to skip, {@code >= 0}
   * @return a future of the page (never of null), completing exceptionally with an {@link
   *     com.oursprivacy.errors.OursException} when the request fails
   */
  CompletableFuture<Page<T>> fetch(long offset);
}
