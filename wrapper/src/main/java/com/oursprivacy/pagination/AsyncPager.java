package com.oursprivacy.pagination;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Every item of a paginated list, fetched page by page without blocking a thread: the {@code
 * …Async} form of a list operation.
 *
 * <pre>{@code
 * AsyncPager<Destination> pager = ours.destinations().listAsync();
 * pager.forEach(d -> System.out.println(d.getName()))          // all pages, one at a time
 *     .thenRun(() -> System.out.println("done"));
 * CompletableFuture<List<Destination>> first100 = pager.maxItems(100).toList();
 *
 * AsyncPager.Pages<Destination> pages = pager.pages();         // page by page, under your control
 * pages.next().thenAccept(p -> p.ifPresent(page -> System.out.println(page.items().size())));
 * }</pre>
 *
 * <p>Like {@link AutoPager}: nothing is sent until a method here is called; each call starts again
 * at the first page; cursors are passed back verbatim; a server that repeats a cursor (or sends an
 * empty offset page with {@code hasMore=true}) makes the walk fail with an {@link
 * com.oursprivacy.errors.OursInvalidResponseException} instead of looping forever. Failures are the
 * same {@link com.oursprivacy.errors.OursException}s as in blocking calls, as the cause of the
 * future's exceptional completion. Immutable and thread-safe; a {@link Pages} is not.
 *
 * @param <T> the item type
 */
public final class AsyncPager<T> {
  private final AsyncCursorFetcher<T> cursorFetcher;
  private final AsyncOffsetFetcher<T> offsetFetcher;
  private final long firstOffset;
  private final long maxItems;

  private AsyncPager(
      AsyncCursorFetcher<T> cursorFetcher,
      AsyncOffsetFetcher<T> offsetFetcher,
      long first,
      long max) {
    this.cursorFetcher = cursorFetcher;
    this.offsetFetcher = offsetFetcher;
    this.firstOffset = first;
    this.maxItems = max;
  }

  /**
   * A pager over a cursor-paginated list.
   *
   * @param fetcher called with {@code null} for the first page, then with each page's {@code
   *     nextCursor}
   * @param <T> the item type
   * @return the pager
   * @throws NullPointerException if {@code fetcher} is null
   */
  public static <T> AsyncPager<T> ofCursor(AsyncCursorFetcher<T> fetcher) {
    Objects.requireNonNull(fetcher, "fetcher == null");
    return new AsyncPager<>(fetcher, null, 0, Long.MAX_VALUE);
  }

  /**
   * A pager over an offset-paginated list; each next offset is the previous one plus the number of
   * items the previous page held.
   *
   * @param fetcher called with {@code firstOffset}, then with each following offset
   * @param firstOffset where the first page starts, {@code >= 0}
   * @param <T> the item type
   * @return the pager
   * @throws NullPointerException if {@code fetcher} is null
   * @throws IllegalArgumentException if {@code firstOffset} is negative
   */
  public static <T> AsyncPager<T> ofOffset(AsyncOffsetFetcher<T> fetcher, long firstOffset) {
    Objects.requireNonNull(fetcher, "fetcher == null");
    if (firstOffset < 0) {
      throw new IllegalArgumentException("firstOffset < 0: " + firstOffset);
    }
    return new AsyncPager<>(null, fetcher, firstOffset, Long.MAX_VALUE);
  }

  /**
   * A new pager that delivers at most {@code n} items and fetches no page beyond those needed for
   * them; with {@code maxItems(0)} nothing is sent.
   *
   * @param n the limit, {@code >= 0}
   * @return the limited pager
   * @throws IllegalArgumentException if {@code n} is negative
   */
  public AsyncPager<T> maxItems(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("maxItems < 0: " + n);
    }
    return new AsyncPager<>(cursorFetcher, offsetFetcher, firstOffset, n);
  }

  /**
   * Fetches the first page; each call sends a new request. Ignores {@link #maxItems}.
   *
   * @return a future of the first page
   */
  public CompletableFuture<Page<T>> firstPage() {
    return new Pages<>(this, Long.MAX_VALUE).next().thenApply(p -> p.orElseThrow());
  }

  /**
   * A new walk over the pages, starting at the first; call {@link Pages#next()} for each page.
   *
   * @return the walk
   */
  public Pages<T> pages() {
    return new Pages<>(this, maxItems);
  }

  /**
   * Calls {@code action} for every item, in order, one page at a time; the next page is requested
   * only after {@code action} has seen the previous one.
   *
   * @param action called on the thread that completed the page's request
   * @return a future completing when every item was delivered, or exceptionally with the first
   *     failure (a request's, or one thrown by {@code action})
   */
  public CompletableFuture<Void> forEach(Consumer<? super T> action) {
    Objects.requireNonNull(action, "action == null");
    return drain(pages(), action, new long[] {0});
  }

  /**
   * Collects every item (at most {@link #maxItems}) into a list.
   *
   * @return a future of the items, in order
   */
  public CompletableFuture<List<T>> toList() {
    List<T> out = new ArrayList<>();
    return forEach(out::add).thenApply(v -> out);
  }

  private CompletableFuture<Void> drain(
      Pages<T> pages, Consumer<? super T> action, long[] delivered) {
    return pages
        .next()
        .thenCompose(
            page -> {
              if (page.isEmpty()) {
                return CompletableFuture.completedFuture(null);
              }
              for (T item : page.get().items()) {
                if (delivered[0] >= maxItems) {
                  return CompletableFuture.completedFuture(null);
                }
                action.accept(item);
                delivered[0]++;
              }
              return drain(pages, action, delivered);
            });
  }

  /**
   * One walk over the pages of an {@link AsyncPager}. Not thread-safe: call {@link #next()} again
   * only after the previous future completed.
   *
   * @param <T> the item type
   */
  public static final class Pages<T> {
    private final AsyncPager<T> pager;
    private final PageWalk<T> walk;
    private boolean inFlight;

    private Pages(AsyncPager<T> pager, long maxItems) {
      this.pager = pager;
      this.walk = new PageWalk<>(pager.cursorFetcher != null, pager.firstOffset, maxItems);
    }

    /**
     * Requests the next page.
     *
     * @return a future of the next page, or of empty when the walk is over; completes exceptionally
     *     with the request's {@link com.oursprivacy.errors.OursException}, or with an {@link
     *     com.oursprivacy.errors.OursInvalidResponseException} when the server would make the walk
     *     loop forever. After a failure, calling {@code next()} again retries the same page.
     * @throws IllegalStateException if the previous {@code next()} has not completed yet
     */
    public synchronized CompletableFuture<java.util.Optional<Page<T>>> next() {
      if (inFlight) {
        throw new IllegalStateException("the previous next() has not completed yet");
      }
      PageWalk.Next request;
      CompletableFuture<Page<T>> fetched;
      try {
        request = walk.next();
        if (request == null) {
          return CompletableFuture.completedFuture(java.util.Optional.empty());
        }
        fetched =
            pager.cursorFetcher != null
                ? pager.cursorFetcher.fetch(request.cursor)
                : pager.offsetFetcher.fetch(request.offset);
        Objects.requireNonNull(fetched, "fetcher returned a null future");
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
      inFlight = true;
      return fetched.handle(
          (page, error) -> {
            synchronized (this) {
              inFlight = false;
              if (error != null) {
                throw error instanceof java.util.concurrent.CompletionException
                    ? (java.util.concurrent.CompletionException) error
                    : new java.util.concurrent.CompletionException(error);
              }
              return java.util.Optional.of(walk.accept(request, page));
            }
          });
    }
  }
}
