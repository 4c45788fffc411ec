package com.oursprivacy.pagination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oursprivacy.errors.OursApiException;
import com.oursprivacy.errors.OursException;
import com.oursprivacy.errors.OursInvalidResponseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CursorAutoPagerTest {

  /** Serves canned pages by cursor and records every cursor it was called with. */
  static final class Server implements CursorFetcher<String> {
    final Map<String, Page<String>> pages = new HashMap<>();
    final List<String> calls = new ArrayList<>();

    Server page(String cursor, String nextCursor, boolean hasMore, String... items) {
      pages.put(cursor, Page.cursor(Arrays.asList(items), nextCursor, hasMore, "resp:" + cursor));
      return this;
    }

    @Override
    public Page<String> fetch(String cursor) {
      calls.add(cursor);
      Page<String> p = pages.get(cursor);
      if (p == null) {
        throw new AssertionError("unexpected cursor " + cursor);
      }
      return p;
    }
  }

  /** Three pages; the cursors look like what a real server sends (opaque, with odd characters). */
  private static Server threePages() {
    return new Server()
        .page(null, "eyJpZCI6MX0=/+", true, "a", "b")
        .page("eyJpZCI6MX0=/+", " c2 ", true, "c", "d")
        .page(" c2 ", null, false, "e");
  }

  @Test
  void iteratesAllPagesPassingEachCursorVerbatimAndInOrder() {
    Server server = threePages();
    List<String> items = new ArrayList<>();
    AutoPager.ofCursor(server).forEach(items::add);

    assertThat(items).containsExactly("a", "b", "c", "d", "e");
    assertThat(server.calls).containsExactly(null, "eyJpZCI6MX0=/+", " c2 ");
  }

  @Test
  void eachIterationStartsAgainAtTheFirstPage() {
    Server server = threePages();
    AutoPager<String> pager = AutoPager.ofCursor(server);

    assertThat(pager.stream().collect(Collectors.toList())).hasSize(5);
    assertThat(pager.stream().collect(Collectors.toList())).hasSize(5);
    assertThat(server.calls)
        .containsExactly(null, "eyJpZCI6MX0=/+", " c2 ", null, "eyJpZCI6MX0=/+", " c2 ");
  }

  @Test
  void creatingAnIteratorFetchesNothingAndBreakingAfterTheFirstItemFetchesOnePage() {
    Server server = threePages();
    AutoPager<String> pager = AutoPager.ofCursor(server);
    Iterator<String> it = pager.iterator();
    assertThat(server.calls).isEmpty();

    for (String item : pager) {
      assertThat(item).isEqualTo("a");
      break;
    }
    assertThat(server.calls).containsExactly((String) null);
    assertThat(it).isNotNull();
  }

  @Test
  void streamFindFirstFetchesOnePage() {
    Server server = threePages();
    assertThat(AutoPager.ofCursor(server).stream().findFirst()).contains("a");
    assertThat(server.calls).containsExactly((String) null);
  }

  @Test
  void streamIsLazyUntilTheTerminalOperation() {
    Server server = threePages();
    java.util.stream.Stream<String> s =
        AutoPager.ofCursor(server).stream().map(String::toUpperCase);
    assertThat(server.calls).isEmpty();
    assertThat(s.limit(3).collect(Collectors.toList())).containsExactly("A", "B", "C");
    assertThat(server.calls).containsExactly(null, "eyJpZCI6MX0=/+");
  }

  @Test
  void maxItemsFetchesOnlyThePagesTheLimitNeeds() {
    Server server = threePages();
    List<String> items =
        AutoPager.ofCursor(server).maxItems(2).stream().collect(Collectors.toList());

    assertThat(items).containsExactly("a", "b");
    assertThat(server.calls).containsExactly((String) null);
  }

  @Test
  void maxItemsInTheMiddleOfAPageTruncatesIt() {
    Server server = threePages();
    List<String> items =
        AutoPager.ofCursor(server).maxItems(3).stream().collect(Collectors.toList());

    assertThat(items).containsExactly("a", "b", "c");
    assertThat(server.calls).containsExactly(null, "eyJpZCI6MX0=/+");
  }

  @Test
  void maxItemsZeroSendsNoRequest() {
    Server server = threePages();
    assertThat(AutoPager.ofCursor(server).maxItems(0)).isEmpty();
    assertThat(AutoPager.ofCursor(server).maxItems(0).pages()).isEmpty();
    assertThat(server.calls).isEmpty();
  }

  @Test
  void maxItemsAboveTheTotalReturnsEverything() {
    Server server = threePages();
    assertThat(AutoPager.ofCursor(server).maxItems(100)).containsExactly("a", "b", "c", "d", "e");
  }

  @Test
  void maxItemsReturnsANewPagerAndRejectsNegativeLimits() {
    AutoPager<String> pager = AutoPager.ofCursor(threePages());
    assertThat(pager.maxItems(1)).isNotSameAs(pager);
    assertThat(pager).hasSize(5);
    assertThat(pager.maxItems(1).maxItems(4)).hasSize(4);
    assertThatThrownBy(() -> pager.maxItems(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }

  @Test
  void emptyFirstPageGivesAnEmptyIteration() {
    Server server = new Server().page(null, null, false);
    assertThat(AutoPager.ofCursor(server)).isEmpty();
    assertThat(AutoPager.ofCursor(server).stream().count()).isZero();
    assertThat(server.calls).containsExactly(null, null);
  }

  @Test
  void stopsWhenHasMoreIsFalseEvenIfACursorIsPresent() {
    Server server = new Server().page(null, "next", false, "a");
    assertThat(AutoPager.ofCursor(server)).containsExactly("a");
    assertThat(server.calls).containsExactly((String) null);
  }

  @Test
  void stopsOnAnEmptyOrNullCursorEvenIfHasMoreIsTrue() {
    Server empty = new Server().page(null, "", true, "a");
    Server missing = new Server().page(null, null, true, "a");
    assertThat(AutoPager.ofCursor(empty)).containsExactly("a");
    assertThat(AutoPager.ofCursor(missing)).containsExactly("a");
    assertThat(empty.calls).containsExactly((String) null);
    assertThat(missing.calls).containsExactly((String) null);
  }

  @Test
  void followsAnEmptyMiddlePageThatStillHasACursor() {
    Server server =
        new Server()
            .page(null, "c1", true, "a")
            .page("c1", "c2", true)
            .page("c2", null, false, "b");
    assertThat(AutoPager.ofCursor(server)).containsExactly("a", "b");
  }

  @Test
  void aRepeatedCursorFailsWithInvalidResponseInsteadOfLoopingForever() {
    Server server =
        new Server()
            .page(null, "c1", true, "a")
            .page("c1", "c2", true, "b")
            .page("c2", "c1", true, "c");
    Iterator<String> it = AutoPager.ofCursor(server).iterator();
    assertThat(it.next()).isEqualTo("a");
    assertThat(it.next()).isEqualTo("b");
    assertThat(it.next()).isEqualTo("c"); // items of the offending page are still delivered

    assertThatThrownBy(it::hasNext)
        .isInstanceOf(OursInvalidResponseException.class)
        .hasMessageContaining("\"c1\"")
        .hasMessageContaining("page 3")
        .hasMessageContaining("page 1")
        .satisfies(e -> assertThat(((OursInvalidResponseException) e).statusCode()).isEqualTo(200));
    assertThat(server.calls).containsExactly(null, "c1", "c2");
  }

  @Test
  void aCursorThatPointsToItselfFailsOnTheSecondPage() {
    Server server = new Server().page(null, "same", true, "a").page("same", "same", true, "b");
    assertThatThrownBy(() -> AutoPager.ofCursor(server).stream().count())
        .isInstanceOf(OursInvalidResponseException.class)
        .hasMessageContaining("\"same\"")
        .hasMessageContaining("page 2");
    assertThat(server.calls).containsExactly(null, "same");
  }

  @Test
  void aFetcherExceptionPropagatesUnchangedThroughIteratorStreamAndPages() {
    OursApiException boom = OursApiException.of(404, "gone", null, Collections.emptyMap(), null);
    CursorFetcher<String> failing =
        cursor -> {
          if (cursor == null) {
            return Page.cursor(Collections.singletonList("a"), "c1", true, "r");
          }
          throw boom;
        };
    AutoPager<String> pager = AutoPager.ofCursor(failing);

    Iterator<String> it = pager.iterator();
    assertThat(it.next()).isEqualTo("a");
    assertThatThrownBy(it::hasNext).isSameAs(boom);
    assertThatThrownBy(() -> pager.stream().count()).isSameAs(boom);
    Iterator<Page<String>> pages = pager.pages().iterator();
    pages.next();
    assertThatThrownBy(pages::next).isSameAs(boom);
  }

  @Test
  void aFailedFetchIsRetriedByTheNextHasNextCall() {
    OursException boom = new OursException("flaky");
    int[] calls = {0};
    CursorFetcher<String> flaky =
        cursor -> {
          if (cursor == null) {
            return Page.cursor(Collections.singletonList("a"), "c1", true, "r");
          }
          if (++calls[0] == 1) {
            throw boom;
          }
          return Page.cursor(Collections.singletonList("b"), null, false, "r");
        };
    Iterator<String> it = AutoPager.ofCursor(flaky).iterator();
    it.next();
    assertThatThrownBy(it::hasNext).isSameAs(boom);
    assertThat(it.next()).isEqualTo("b"); // not reported as a repeated cursor
    assertThat(it.hasNext()).isFalse();
  }

  @Test
  void pagesAreLazyAndCarryCursorAndResponse() {
    Server server = threePages();
    Iterator<Page<String>> pages = AutoPager.ofCursor(server).pages().iterator();
    assertThat(server.calls).isEmpty();

    Page<String> first = pages.next();
    assertThat(first.items()).containsExactly("a", "b");
    assertThat(first.nextCursor()).contains("eyJpZCI6MX0=/+");
    assertThat(first.hasNextPage()).isTrue();
    assertThat(first.response()).isEqualTo("resp:null");
    assertThat(server.calls).hasSize(1);

    assertThat(pages.next().items()).containsExactly("c", "d");
    Page<String> last = pages.next();
    assertThat(last.hasNextPage()).isFalse();
    assertThat(last.nextCursor()).isEmpty();
    assertThat(pages.hasNext()).isFalse();
    assertThat(server.calls).hasSize(3);
  }

  @Test
  void firstPageFetchesOncePerCall() {
    Server server = threePages();
    AutoPager<String> pager = AutoPager.ofCursor(server);
    assertThat(pager.firstPage().items()).containsExactly("a", "b");
    assertThat(pager.firstPage().items()).containsExactly("a", "b");
    assertThat(server.calls).containsExactly(null, null);
  }

  @Test
  void anOffsetPageFromACursorFetcherIsAProgrammingError() {
    CursorFetcher<String> wrong = c -> Page.offset(Collections.emptyList(), 0, false, null, "r");
    assertThatThrownBy(() -> AutoPager.ofCursor(wrong).iterator().hasNext())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("offset-style page to a cursor-style pager");
  }
}
