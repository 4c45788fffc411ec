package com.oursprivacy.pagination;

import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;

/** Flattens a {@link PageWalker} into items, stopping after {@code maxItems}. Not thread-safe. */
final class ItemIterator<T> implements Iterator<T> {
  private final PageWalker<T> pages;
  private final long maxItems;
  private Iterator<T> current = Collections.emptyIterator();
  private long emitted;

  ItemIterator(PageWalker<T> pages, long maxItems) {
    this.pages = pages;
    this.maxItems = maxItems;
  }

  @Override
  public boolean hasNext() {
    if (emitted >= maxItems) {
      return false;
    }
    // Loop: a cursor page may legitimately be empty and still point to a next page.
    while (!current.hasNext()) {
      if (!pages.hasNext()) {
        return false;
      }
      current = pages.next().items().iterator();
    }
    return true;
  }

  @Override
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException("no more items");
    }
    emitted++;
    return current.next();
  }
}
