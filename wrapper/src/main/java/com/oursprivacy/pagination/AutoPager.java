package com.oursprivacy.pagination;

import java.util.Iterator;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Every item of a paginated list, fetched lazily page by page. Returned by the generated services'
 * list operations:
 *
 * <pre>{@code
 * for (Destination d : ours.destinations().list()) { ... }
 * List<String> names = ours.destinations().list().stream()
 *     .map(Destination::getName).limit(10).collect(toList());   // fetches only what 10 need
 * Page<Destination> first = ours.destinations().list().firstPage();
 * }</pre>
 *
 * <p>Iteration stops when a page says {@code hasMore=false}, when a cursor page has a null or empty
 * {@code nextCursor}, when an offset page is the last one, or when {@link #maxItems} items were
 * returned. Cursors are passed back verbatim.
 *
 * <p><b>Errors.</b> An exception thrown by the fetcher (an {@link
 * com.oursprivacy.errors.OursException} subtype) propagates unchanged, never wrapped, from {@code
 * hasNext()}/{@code next()} and from the stream's terminal operation. A server that would make
 * iteration loop forever (a cursor repeated within one iteration, or an empty offset page with
 * {@code hasMore=true}) causes an {@link com.oursprivacy.errors.OursInvalidResponseException} when
 * iteration tries to go past that page; the items already received are still delivered.
 *
 * <p><b>Threads.</b> An {@code AutoPager} is immutable and thread-safe: every {@link #iterator()},
 * {@link #stream()} and {@link #pages()} iteration starts again at the first page and sends its own
 * requests. The iterators themselves are not thread-safe.
 *
 * @param <T> the item type
 */
public final class AutoPager<T> implements Iterable<T> {
  private final CursorFetcher<T> cursorFetcher;
  private final OffsetFetcher<T> offsetFetcher;
  private final long firstOffset;
  private final long maxItems;

  private AutoPager(
      CursorFetcher<T> cursorFetcher, OffsetFetcher<T> offsetFetcher, long first, long max) {
    this.cursorFetcher = cursorFetcher;
    this.offsetFetcher = offsetFetcher;
    this.firstOffset = first;
    this.maxItems = max;
  }

  /**
   * A pager over a cursor-paginated list.
   *
   * @param <T> the item type
   * @return a pager over a cursor-paginated list
   * @param fetcher called with {@code null} for the first page, then with each page's {@code
   *     nextCursor}
   * @throws NullPointerException if {@code fetcher} is null
   */
  public static <T> AutoPager<T> ofCursor(CursorFetcher<T> fetcher) {
    Objects.requireNonNull(fetcher, "fetcher == null");
    return new AutoPager<>(fetcher, null, 0, Long.MAX_VALUE);
  }

  /**
   * A pager over an offset-paginated list; each next offset is the previous one plus the number of
   * items the previous page held.
   *
   * @param <T> the item type
   * @return a pager over an offset-paginated list; each next offset is the previous one plus the
   *     number of items the previous page held
   * @param fetcher called with {@code firstOffset}, then with each following offset
   * @param firstOffset where the first page starts, {@code >= 0}
   * @throws NullPointerException if {@code fetcher} is null
   * @throws IllegalArgumentException if {@code firstOffset} is negative
   */
  public static <T> AutoPager<T> ofOffset(OffsetFetcher<T> fetcher, long firstOffset) {
    Objects.requireNonNull(fetcher, "fetcher == null");
    if (firstOffset < 0) {
      throw new IllegalArgumentException("firstOffset < 0: " + firstOffset);
    }
    return new AutoPager<>(null, fetcher, firstOffset, Long.MAX_VALUE);
  }

  /**
   * A lazy iterator over all items. No request is sent until {@code hasNext()} or {@code next()} is
   * first called, and each further page is fetched only when the previous one is used up. After a
   * fetcher exception, calling {@code hasNext()} again retries the same page.
   */
  @Override
  public Iterator<T> iterator() {
    return new ItemIterator<>(walker(), maxItems);
  }

  /**
   * {@return a lazy, sequential, ordered stream of all items; pages are fetched as the stream
   * pulls}
   */
  public Stream<T> stream() {
    return StreamSupport.stream(
        () -> Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED),
        Spliterator.ORDERED,
        false);
  }

  /**
   * {@return the pages themselves, lazily: each iteration starts at the first page and fetches one
   * page per {@code hasNext()} that needs it} With {@link #maxItems} set, whole pages are returned
   * until they hold at least that many items, so the last page may hold more than the limit needs.
   */
  public Iterable<Page<T>> pages() {
    return this::walker;
  }

  /**
   * Fetches the first page now and returns it; each call sends a new request. Ignores {@link
   * #maxItems} (even {@code maxItems(0)} fetches).
   *
   * @return the first page
   * @throws com.oursprivacy.errors.OursException whatever the fetcher throws, unchanged
   */
  public Page<T> firstPage() {
    return new PageWalker<>(cursorFetcher, offsetFetcher, firstOffset, Long.MAX_VALUE).next();
  }

  /**
   * A new pager that returns at most {@code n} items and fetches no page beyond those needed for
   * them; {@code maxItems(0)} sends no request at all. Replaces any earlier limit on this pager.
   *
   * @param n the most items to return, {@code >= 0}
   * @return a new pager that returns at most {@code n} items and fetches no page beyond those
   *     needed for them; {@code maxItems(0)} sends no request at all
   * @throws IllegalArgumentException if {@code n} is negative
   */
  public AutoPager<T> maxItems(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("maxItems < 0: " + n);
    }
    return new AutoPager<>(cursorFetcher, offsetFetcher, firstOffset, n);
  }

  private PageWalker<T> walker() {
    return new PageWalker<>(cursorFetcher, offsetFetcher, firstOffset, maxItems);
  }
}
