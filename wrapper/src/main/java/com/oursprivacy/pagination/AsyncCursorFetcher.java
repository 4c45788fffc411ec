package com.oursprivacy.pagination;

import java.util.concurrent.CompletableFuture;

/**
 * Fetches one cursor-style page without blocking. Implemented by the generated resource services;
 * the {@link AsyncPager} calls it.
 *
 * @param <T> the item type
 */
@FunctionalInterface
public interface AsyncCursorFetcher<T> {
  /**
   * Starts fetching the page that starts at {@code cursor}.
   *
   * @param cursor {@code null} for the first page, otherwise a cursor exactly as a previous page
   *     returned it
   * @return a future of the page (never of null), completing exceptionally with an {@link
   *     com.oursprivacy.errors.OursException} when the request fails
   */
  CompletableFuture<Page<T>> fetch(String cursor);
}
