package com.oursprivacy.pagination;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * One page of a list operation: its items plus what is needed to ask for the next page. Built by
 * the generated services from a list response; walked by {@link AutoPager}.
 *
 * <p>Immutable and thread-safe (as long as the items and the response are). Two styles exist and a
 * page knows which one it is: cursor pages answer {@link #nextCursor()}, offset pages answer {@link
 * #nextOffset()} and {@link #total()}; the other style's accessors return empty.
 *
 * @param <T> the item type
 */
public final class Page<T> {
  private final List<T> items;
  private final boolean hasMore;
  private final Object response;
  private final boolean cursorStyle;
  private final String nextCursor;
  private final long offset;
  private final Long total;

  private Page(
      List<T> items,
      boolean hasMore,
      Object response,
      boolean cursorStyle,
      String nextCursor,
      long offset,
      Long total) {
    Objects.requireNonNull(items, "items == null");
    this.items = Collections.unmodifiableList(new ArrayList<>(items));
    this.hasMore = hasMore;
    this.response = Objects.requireNonNull(response, "response == null");
    this.cursorStyle = cursorStyle;
    this.nextCursor = nextCursor;
    this.offset = offset;
    this.total = total;
  }

  /**
   * A cursor-style page ({@code {entities, pagination: {nextCursor, hasMore}}}).
   *
   * @param <T> the item type
   * @return a cursor-style page ({@code {entities, pagination: {nextCursor, hasMore}}})
   * @param items the page's items, copied
   * @param nextCursor the cursor for the next page exactly as the server sent it, or null
   * @param hasMore the server's {@code hasMore}
   * @param response the typed response model the page came from
   * @throws NullPointerException if {@code items} or {@code response} is null
   */
  public static <T> Page<T> cursor(
      List<T> items, @Nullable String nextCursor, boolean hasMore, Object response) {
    return new Page<>(items, hasMore, response, true, nextCursor, 0, null);
  }

  /**
   * An offset-style page ({@code {items, hasMore, total}}).
   *
   * @param <T> the item type
   * @return an offset-style page ({@code {items, hasMore, total}})
   * @param items the page's items, copied
   * @param offset the offset this page was requested at, {@code >= 0}
   * @param hasMore the server's {@code hasMore}
   * @param total the server's {@code total}, or null when it sent none
   * @param response the typed response model the page came from
   * @throws NullPointerException if {@code items} or {@code response} is null
   * @throws IllegalArgumentException if {@code offset} is negative
   */
  public static <T> Page<T> offset(
      List<T> items, long offset, boolean hasMore, @Nullable Long total, Object response) {
    if (offset < 0) {
      throw new IllegalArgumentException("offset < 0: " + offset);
    }
    return new Page<>(items, hasMore, response, false, null, offset, total);
  }

  /** {@return the page's items in server order; unmodifiable, possibly empty} */
  public List<T> items() {
    return items;
  }

  /**
   * {@return the server's {@code hasMore} flag as sent; see {@link #hasNextPage()} for the
   * decision}
   */
  public boolean hasMore() {
    return hasMore;
  }

  /**
   * {@return whether a next page should be fetched} Cursor style: {@code hasMore} and a non-empty
   * next cursor (a server saying "more" without a cursor cannot be followed, so this is false).
   * Offset style: {@code hasMore} and this page is not empty.
   */
  public boolean hasNextPage() {
    if (cursorStyle) {
      return hasMore && nextCursor != null && !nextCursor.isEmpty();
    }
    return hasMore && !items.isEmpty();
  }

  /**
   * {@return the cursor to send for the next page, verbatim} Empty for offset pages and when the
   * server sent {@code null} or an empty string.
   */
  public Optional<String> nextCursor() {
    if (!cursorStyle || nextCursor == null || nextCursor.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(nextCursor);
  }

  /**
   * {@return where the next page starts: this page's offset plus its item count} Present for every
   * offset page, even the last one (check {@link #hasNextPage()}); empty for cursor pages.
   */
  public OptionalLong nextOffset() {
    return cursorStyle ? OptionalLong.empty() : OptionalLong.of(offset + items.size());
  }

  /**
   * {@return the server's total item count; empty for cursor pages and when the server sent none}
   */
  public OptionalLong total() {
    return total == null ? OptionalLong.empty() : OptionalLong.of(total);
  }

  /**
   * {@return the typed response model this page was built from (for example a {@code
   * DestinationListResponse}), for fields the page does not surface} Never null.
   */
  public Object response() {
    return response;
  }

  boolean isCursorStyle() {
    return cursorStyle;
  }

  @Override
  public String toString() {
    return cursorStyle
        ? "Page{cursor, items=" + items.size() + ", hasMore=" + hasMore + "}"
        : "Page{offset=" + offset + ", items=" + items.size() + ", hasMore=" + hasMore + "}";
  }
}
