package com.oursprivacy.pagination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageTest {

  @Test
  void itemsAreACopyAndUnmodifiable() {
    List<String> source = new ArrayList<>(Arrays.asList("a", "b"));
    Page<String> page = Page.cursor(source, "c", true, "r");
    source.add("c");
    assertThat(page.items()).containsExactly("a", "b");
    assertThatThrownBy(() -> page.items().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void cursorPageHasANextPageOnlyWithHasMoreAndANonEmptyCursor() {
    List<String> one = Collections.singletonList("a");
    assertThat(Page.cursor(one, "c", true, "r").hasNextPage()).isTrue();
    assertThat(Page.cursor(one, "c", false, "r").hasNextPage()).isFalse();
    assertThat(Page.cursor(one, "", true, "r").hasNextPage()).isFalse();
    assertThat(Page.cursor(one, null, true, "r").hasNextPage()).isFalse();
    assertThat(Page.cursor(one, "", true, "r").nextCursor()).isEmpty();
    assertThat(Page.cursor(one, "c", true, "r").nextOffset()).isEmpty();
    assertThat(Page.cursor(one, "c", true, "r").total()).isEmpty();
  }

  @Test
  void offsetPageHasANextPageOnlyWithHasMoreAndItems() {
    assertThat(Page.offset(Collections.singletonList("a"), 4, true, null, "r").hasNextPage())
        .isTrue();
    assertThat(Page.offset(Collections.singletonList("a"), 4, false, null, "r").hasNextPage())
        .isFalse();
    assertThat(Page.offset(Collections.<String>emptyList(), 4, true, null, "r").hasNextPage())
        .isFalse();
    Page<String> page = Page.offset(Arrays.asList("a", "b"), 4, true, null, "r");
    assertThat(page.nextOffset()).hasValue(6);
    assertThat(page.total()).isEmpty();
    assertThat(page.hasMore()).isTrue();
  }

  @Test
  void rejectsNullItemsNullResponseAndNegativeOffset() {
    assertThatThrownBy(() -> Page.cursor(null, null, false, "r")).hasMessage("items == null");
    assertThatThrownBy(() -> Page.cursor(Collections.emptyList(), null, false, null))
        .hasMessage("response == null");
    assertThatThrownBy(() -> Page.offset(Collections.emptyList(), -1, false, null, "r"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
