package com.oursprivacy.pagination;

/**
 * Fetches one offset-style page. Implemented by the generated resource services; the {@link
 * AutoPager} calls it.
 *
 * @param <T> the item type
 */
@FunctionalInterface
public interface OffsetFetcher<T> {
  /**
   * Fetches the page that starts at {@code offset}.
   *
   * @param offset the number of items to skip, {@code >= 0}
   * @return the page, never null; should be built with {@link Page#offset}
   * @throws com.oursprivacy.errors.OursException when the request fails; the pager lets it
   *     propagate unchanged
   */
  Page<T> fetch(long offset);
}
