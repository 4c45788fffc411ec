package com.oursprivacy.pagination;

import com.oursprivacy.errors.OursInvalidResponseException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * One walk over the pages of a list: fetches a page only when {@link #hasNext()} needs it, and
 * refuses to follow a server that would make it loop forever. Not thread-safe; one per iterator.
 *
 * <p>State only advances after a fetch succeeds, so calling {@link #hasNext()} again after a
 * fetcher exception retries the same request.
 */
final class PageWalker<T> implements Iterator<Page<T>> {
  private final CursorFetcher<T> cursorFetcher;
  private final OffsetFetcher<T> offsetFetcher;
  private final long maxItems;

  /** Cursor → number of the page that returned it. */
  private final Map<String, Integer> cursorsSeen = new HashMap<>();

  private Page<T> last;
  private Page<T> buffered;
  private long nextOffset;
  private int pagesFetched;
  private long itemsFetched;
  private boolean done;

  PageWalker(
      CursorFetcher<T> cursorFetcher, OffsetFetcher<T> offsetFetcher, long firstOffset, long max) {
    this.cursorFetcher = cursorFetcher;
    this.offsetFetcher = offsetFetcher;
    this.nextOffset = firstOffset;
    this.maxItems = max;
  }

  @Override
  public boolean hasNext() {
    if (buffered != null) {
      return true;
    }
    if (done) {
      return false;
    }
    buffered = fetchNext();
    if (buffered == null) {
      done = true;
      return false;
    }
    return true;
  }

  @Override
  public Page<T> next() {
    if (!hasNext()) {
      throw new NoSuchElementException("no more pages");
    }
    Page<T> page = buffered;
    buffered = null;
    return page;
  }

  private Page<T> fetchNext() {
    if (itemsFetched >= maxItems) {
      return null; // the limit is covered: fetch nothing more
    }
    return cursorFetcher != null ? nextCursorPage() : nextOffsetPage();
  }

  private Page<T> nextCursorPage() {
    String cursor = null;
    if (last != null) {
      if (!last.hasNextPage()) {
        return null;
      }
      cursor = last.nextCursor().get();
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
    }
    Page<T> page = checked(cursorFetcher.fetch(cursor), true);
    if (cursor != null) {
      cursorsSeen.put(cursor, pagesFetched);
    }
    return accept(page);
  }

  private Page<T> nextOffsetPage() {
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
    Page<T> page = checked(offsetFetcher.fetch(nextOffset), false);
    nextOffset += page.items().size();
    return accept(page);
  }

  private Page<T> checked(Page<T> page, boolean cursorStyle) {
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
    return page;
  }

  private Page<T> accept(Page<T> page) {
    pagesFetched++;
    itemsFetched += page.items().size();
    last = page;
    return page;
  }
}
