package com.oursprivacy.pagination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oursprivacy.errors.OursInvalidResponseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class OffsetAutoPagerTest {

  /** A server with {@code size} items that serves {@code pageSize} per page, recording offsets. */
  static final class Server implements OffsetFetcher<Long> {
    final long size;
    final int pageSize;
    final List<Long> calls = new ArrayList<>();

    Server(long size, int pageSize) {
      this.size = size;
      this.pageSize = pageSize;
    }

    @Override
    public Page<Long> fetch(long offset) {
      calls.add(offset);
      long end = Math.min(size, offset + pageSize);
      List<Long> items = LongStream.range(offset, end).boxed().collect(Collectors.toList());
      return Page.offset(items, offset, end < size, size, "resp@" + offset);
    }
  }

  @Test
  void advancesTheOffsetByTheItemCountAndStopsWhenHasMoreIsFalse() {
    Server server = new Server(7, 3);
    assertThat(AutoPager.ofOffset(server, 0)).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(server.calls).containsExactly(0L, 3L, 6L);
  }

  @Test
  void advancesByWhatTheServerActuallyReturnedNotByTheRequestedLimit() {
    List<Long> calls = new ArrayList<>();
    OffsetFetcher<String> shortPages =
        offset -> {
          calls.add(offset);
          return offset == 0
              ? Page.offset(Arrays.asList("a", "b"), 0, true, 3L, "r")
              : Page.offset(Collections.singletonList("c"), offset, false, 3L, "r");
        };
    assertThat(AutoPager.ofOffset(shortPages, 0)).containsExactly("a", "b", "c");
    assertThat(calls).containsExactly(0L, 2L);
  }

  @Test
  void startsAtTheFirstOffset() {
    Server server = new Server(5, 2);
    assertThat(AutoPager.ofOffset(server, 3)).containsExactly(3L, 4L);
    assertThat(server.calls).containsExactly(3L);
  }

  @Test
  void breakingAfterTheFirstItemFetchesOnePage() {
    Server server = new Server(10, 3);
    Iterator<Long> it = AutoPager.ofOffset(server, 0).iterator();
    assertThat(server.calls).isEmpty();
    assertThat(it.next()).isZero();
    assertThat(server.calls).containsExactly(0L);
    assertThat(AutoPager.ofOffset(server, 0).stream().findFirst()).contains(0L);
    assertThat(server.calls).containsExactly(0L, 0L);
  }

  @Test
  void maxItemsFetchesOnlyThePagesTheLimitNeeds() {
    Server server = new Server(100, 10);
    assertThat(AutoPager.ofOffset(server, 0).maxItems(25)).hasSize(25);
    assertThat(server.calls).containsExactly(0L, 10L, 20L);
    server.calls.clear();
    assertThat(AutoPager.ofOffset(server, 0).maxItems(20)).hasSize(20);
    assertThat(server.calls).containsExactly(0L, 10L);
    server.calls.clear();
    assertThat(AutoPager.ofOffset(server, 0).maxItems(0)).isEmpty();
    assertThat(server.calls).isEmpty();
  }

  @Test
  void emptyFirstPageGivesAnEmptyIteration() {
    Server server = new Server(0, 10);
    assertThat(AutoPager.ofOffset(server, 0)).isEmpty();
    assertThat(server.calls).containsExactly(0L);
  }

  @Test
  void anEmptyPageWithHasMoreFailsInsteadOfLoopingForever() {
    List<Long> calls = new ArrayList<>();
    OffsetFetcher<String> liar =
        offset -> {
          calls.add(offset);
          return offset == 0
              ? Page.offset(Arrays.asList("a", "b"), 0, true, null, "r")
              : Page.offset(Collections.<String>emptyList(), offset, true, null, "r");
        };
    Iterator<String> it = AutoPager.ofOffset(liar, 0).iterator();
    assertThat(it.next()).isEqualTo("a");
    assertThat(it.next()).isEqualTo("b");
    assertThatThrownBy(it::hasNext)
        .isInstanceOf(OursInvalidResponseException.class)
        .hasMessageContaining("page 2")
        .hasMessageContaining("offset 2")
        .hasMessageContaining("hasMore=true");
    assertThat(calls).containsExactly(0L, 2L);
  }

  @Test
  void anEmptyFirstPageWithHasMoreFailsToo() {
    OffsetFetcher<String> liar =
        offset -> Page.offset(Collections.<String>emptyList(), offset, true, null, "r");
    assertThatThrownBy(() -> AutoPager.ofOffset(liar, 0).stream().count())
        .isInstanceOf(OursInvalidResponseException.class)
        .hasMessageContaining("page 1");
  }

  @Test
  void pagesExposeNextOffsetTotalAndResponse() {
    Server server = new Server(5, 3);
    Iterator<Page<Long>> pages = AutoPager.ofOffset(server, 0).pages().iterator();
    Page<Long> first = pages.next();
    assertThat(first.nextOffset()).hasValue(3);
    assertThat(first.total()).hasValue(5);
    assertThat(first.nextCursor()).isEmpty();
    assertThat(first.response()).isEqualTo("resp@0");
    Page<Long> second = pages.next();
    assertThat(second.hasNextPage()).isFalse();
    assertThat(second.nextOffset()).hasValue(5);
    assertThat(pages.hasNext()).isFalse();
  }

  @Test
  void rejectsANegativeFirstOffsetAndANullFetcher() {
    assertThatThrownBy(() -> AutoPager.ofOffset(new Server(1, 1), -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AutoPager.ofOffset(null, 0))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("fetcher == null");
    assertThatThrownBy(() -> AutoPager.ofCursor(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("fetcher == null");
  }
}
