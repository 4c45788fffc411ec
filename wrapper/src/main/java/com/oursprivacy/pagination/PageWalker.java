package com.oursprivacy.pagination;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * One blocking walk over the pages of a list: fetches a page only when {@link #hasNext()} needs it;
 * {@link PageWalk} decides what to fetch and guards against endless loops. Not thread-safe; one per
 * iterator.
 *
 * <p>State only advances after a fetch succeeds, so calling {@link #hasNext()} again after a
 * fetcher exception retries the same request.
 */
final class PageWalker<T> implements Iterator<Page<T>> {
  private final CursorFetcher<T> cursorFetcher;
  private final OffsetFetcher<T> offsetFetcher;
  private final PageWalk<T> walk;

  private Page<T> buffered;
  private boolean done;

  PageWalker(
      CursorFetcher<T> cursorFetcher, OffsetFetcher<T> offsetFetcher, long firstOffset, long max) {
    this.cursorFetcher = cursorFetcher;
    this.offsetFetcher = offsetFetcher;
    this.walk = new PageWalk<>(cursorFetcher != null, firstOffset, max);
  }

  @Override
  public boolean hasNext() {
    if (buffered != null) {
      return true;
    }
    if (done) {
      return false;
    }
    PageWalk.Next next = walk.next();
    if (next == null) {
      done = true;
      return false;
    }
    Page<T> page =
        cursorFetcher != null ? cursorFetcher.fetch(next.cursor) : offsetFetcher.fetch(next.offset);
    buffered = walk.accept(next, page);
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
}
