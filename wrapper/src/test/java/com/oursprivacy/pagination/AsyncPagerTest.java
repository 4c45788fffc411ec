package com.oursprivacy.pagination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oursprivacy.errors.OursInvalidResponseException;
import com.oursprivacy.errors.OursIoException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class AsyncPagerTest {
  private final List<String> requested = new ArrayList<>();

  /** Cursor pages: null → a, "c1" → b, "c2" → c (last). */
  private CompletableFuture<Page<String>> threePages(String cursor) {
    requested.add(String.valueOf(cursor));
    Map<String, Page<String>> pages =
        Map.of(
            "null", Page.cursor(List.of("a"), "c1", true, "r1"),
            "c1", Page.cursor(List.of("b"), "c2", true, "r2"),
            "c2", Page.cursor(List.of("c"), null, false, "r3"));
    return CompletableFuture.completedFuture(pages.get(String.valueOf(cursor)));
  }

  @Test
  void forEachFollowsCursorsUntilHasMoreIsFalse() {
    List<String> seen = new ArrayList<>();
    AsyncPager.ofCursor(this::threePages).forEach(seen::add).join();
    assertThat(seen).containsExactly("a", "b", "c");
    assertThat(requested).containsExactly("null", "c1", "c2");
  }

  @Test
  void nothingIsSentUntilAskedAndMaxItemsStopsFetching() {
    AsyncPager<String> pager = AsyncPager.ofCursor(this::threePages);
    assertThat(requested).isEmpty();
    assertThat(pager.maxItems(2).toList().join()).containsExactly("a", "b");
    assertThat(requested).containsExactly("null", "c1");
    requested.clear();
    assertThat(pager.maxItems(0).toList().join()).isEmpty();
    assertThat(requested).isEmpty();
  }

  @Test
  void pagesGivesOnePagePerNextAndEmptyAtTheEnd() {
    AsyncPager.Pages<String> pages = AsyncPager.ofCursor(this::threePages).pages();
    assertThat(pages.next().join().map(Page::items)).contains(List.of("a"));
    assertThat(pages.next().join().map(Page::items)).contains(List.of("b"));
    assertThat(pages.next().join().map(Page::items)).contains(List.of("c"));
    assertThat(pages.next().join()).isEmpty();
  }

  @Test
  void aRepeatedCursorFailsTheWalkInsteadOfLoopingForever() {
    AsyncPager<String> pager =
        AsyncPager.ofCursor(
            cursor ->
                CompletableFuture.completedFuture(Page.cursor(List.of("x"), "same", true, "r")));
    assertThatThrownBy(() -> pager.toList().join())
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(OursInvalidResponseException.class)
        .hasMessageContaining("repeated a cursor");
  }

  @Test
  void aFailedRequestFailsTheFutureWithTheSameExceptionAndCanBeRetried() {
    OursIoException notFound = new OursIoException("connection reset", null);
    int[] calls = {0};
    AsyncPager.Pages<String> pages =
        AsyncPager.<String>ofCursor(
                cursor ->
                    calls[0]++ == 0
                        ? CompletableFuture.failedFuture(notFound)
                        : CompletableFuture.completedFuture(
                            Page.cursor(List.of("a"), null, false, "r")))
            .pages();
    assertThatThrownBy(() -> pages.next().join()).hasCause(notFound);
    assertThat(pages.next().join().map(Page::items)).contains(List.of("a"));
  }

  @Test
  void offsetPagesAdvanceByTheItemsReceived() {
    List<Long> offsets = new ArrayList<>();
    AsyncPager<Integer> pager =
        AsyncPager.ofOffset(
            offset -> {
              offsets.add(offset);
              List<Integer> items =
                  offset < 4 ? List.of((int) offset, (int) offset + 1) : List.of();
              return CompletableFuture.completedFuture(
                  Page.offset(items, offset, offset < 2, 4L, "r"));
            },
            0);
    assertThat(pager.toList().join()).containsExactly(0, 1, 2, 3);
    assertThat(offsets).containsExactly(0L, 2L);
    assertThat(pager.firstPage().join().total()).hasValue(4);
  }

  @Test
  void anEmptyOffsetPageSayingHasMoreIsRejected() {
    AsyncPager<String> pager =
        AsyncPager.ofOffset(
            offset ->
                CompletableFuture.completedFuture(Page.offset(List.of(), offset, true, null, "r")),
            0);
    assertThatThrownBy(() -> pager.toList().join())
        .hasCauseInstanceOf(OursInvalidResponseException.class);
    assertThat(Optional.of(pager)).isPresent();
  }
}
