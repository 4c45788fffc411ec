package com.oursprivacy.pagination;

import com.oursprivacy.errors.OursInvalidResponseException;
import java.util.HashMap;
import java.util.Map;

/**
 * The state of one walk over the pages of a list, shared by the blocking {@link PageWalker} and the
 * {@link AsyncPager}: decides which page to ask for next, and refuses to follow a server that would
 * make the walk loop forever (a repeated cursor, an empty offset page saying {@code hasMore}).
 * Fetching is the caller's; state only advances in {@link #accept}, so a failed fetch can be
 * retried. Not thread-safe.
 */
final class PageWalk<T> {
  /** The next request: a cursor ({@code null} for the first page) or an offset. */
  static final class Next {
    final String cursor;
    final long offset;

    private Next(String cursor, long offset) {
      this.cursor = cursor;
      this.offset = offset;
    }
  }

  private final boolean cursorStyle;
  private final long maxItems;

  /** Cursor → number of the page that returned it. */
  private final Map<String, Integer> cursorsSeen = new HashMap<>();

  private Page<T> last;
  private long nextOffset;
  private int pagesFetched;
  private long itemsFetched;

  PageWalk(boolean cursorStyle, long firstOffset, long maxItems) {
    this.cursorStyle = cursorStyle;
    this.nextOffset = firstOffset;
    this.maxItems = maxItems;
  }

  /**
   * What to fetch next, or null when the walk is over.
   *
   * @throws OursInvalidResponseException when following the last page would loop forever
   */
  Next next() {
    if (itemsFetched >= maxItems) {
      return null; // the limit is covered: fetch nothing more
    }
    return cursorStyle ? nextCursor() : nextOffset();
  }

  private Next nextCursor() {
    if (last == null) {
      return new Next(null, 0);
    }
    if (!last.hasNextPage()) {
      return null;
    }
    String cursor = last.nextCursor().get();
    Integer firstSeen = cursorsSeen.get(cursor);
    if (firstSeen != null) {
      throw new OursInvalidResponseException(
          200,
          "page "
              + pagesFetched
              + " returned nextCursor \""
              + cursor
              + "\", which page "
              + firstSeen
              + " already returned; the server repeated a cursor, so iteration stops"
              + " instead of looping forever",
          null);
    }
    return new Next(cursor, 0);
  }

  private Next nextOffset() {
    if (last != null) {
      if (last.items().isEmpty() && last.hasMore()) {
        throw new OursInvalidResponseException(
            200,
            "page "
                + pagesFetched
                + " (offset "
                + nextOffset
                + ") is empty but says hasMore=true; following it would request offset "
                + nextOffset
                + " forever, so iteration stops",
            null);
      }
      if (!last.hasNextPage()) {
        return null;
      }
    }
    return new Next(null, nextOffset);
  }

  /**
   * Records the page fetched for {@code request}.
   *
   * @throws NullPointerException if the fetcher returned null
   * @throws IllegalStateException if the page has the other paging style
   */
  Page<T> accept(Next request, Page<T> page) {
    int number = pagesFetched + 1;
    if (page == null) {
      throw new NullPointerException("fetcher returned null for page " + number);
    }
    if (page.isCursorStyle() != cursorStyle) {
      throw new IllegalStateException(
          "fetcher returned an "
              + (cursorStyle ? "offset" : "cursor")
              + "-style page to a "
              + (cursorStyle ? "cursor" : "offset")
              + "-style pager (page "
              + number
              + ")");
    }
    if (cursorStyle && request.cursor != null) {
      cursorsSeen.put(request.cursor, pagesFetched);
    }
    if (!cursorStyle) {
      nextOffset += page.items().size();
    }
    pagesFetched++;
    itemsFetched += page.items().size();
    last = page;
    return page;
  }
}
