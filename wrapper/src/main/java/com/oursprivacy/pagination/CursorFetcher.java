package com.oursprivacy.pagination;

/**
 * Fetches one cursor-style page. Implemented by the generated resource services; the {@link
 * AutoPager} calls it.
 *
 * @param <T> the item type
 */
@FunctionalInterface
public interface CursorFetcher<T> {
  /**
   * Fetches the page that starts at {@code cursor}.
   *
   * @param cursor {@code null} for the first page, otherwise a cursor exactly as a previous page
   *     returned it (opaque, passed back verbatim)
   * @return the page, never null; should be built with {@link Page#cursor}
   * @throws com.oursprivacy.errors.OursException when the request fails; the pager lets it
   *     propagate unchanged
   */
  Page<T> fetch(String cursor);
}
