package com.oursprivacy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oursprivacy.core.RawResponse;
import java.util.List;
import java.util.Map;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

/** The lazy, case-insensitive view of OkHttp's headers that {@code RawResponse} hands out. */
class ResponseHeadersTest {
  private static final Headers HEADERS =
      new Headers.Builder()
          .add("X-Request-Id", "req_1")
          .add("Set-Cookie", "a=1")
          .add("set-cookie", "b=2")
          .add("Content-Type", "application/json")
          .build();

  @Test
  void looksNamesUpWhateverTheirCase() {
    ResponseHeaders h = ResponseHeaders.of(HEADERS);

    assertThat(h.get("x-request-id")).containsExactly("req_1");
    assertThat(h.get("X-REQUEST-ID")).containsExactly("req_1");
    assertThat(h.containsKey("content-TYPE")).isTrue();
    assertThat(h.containsKey("retry-after")).isFalse();
    assertThat(h.get("retry-after")).isNull();
    Object notAName = 42;
    assertThat(h.get(notAName)).isNull();
    assertThat(h.containsKey(notAName)).isFalse();
  }

  @Test
  void keepsEveryValueOfARepeatedHeaderInOrder() {
    ResponseHeaders h = ResponseHeaders.of(HEADERS);

    assertThat(h.get("Set-Cookie")).containsExactly("a=1", "b=2");
    assertThat(h.size()).isEqualTo(3);
    assertThat(h.keySet()).containsExactly("content-type", "set-cookie", "x-request-id");
    assertThat(h.entrySet())
        .extracting(Map.Entry::getValue)
        .containsExactly(List.of("application/json"), List.of("a=1", "b=2"), List.of("req_1"));
  }

  @Test
  void equalsTheMapACopyWouldHaveBeen() {
    ResponseHeaders h = ResponseHeaders.of(HEADERS);
    Map<String, List<String>> copy =
        Map.of(
            "x-request-id", List.of("req_1"),
            "set-cookie", List.of("a=1", "b=2"),
            "content-type", List.of("application/json"));

    assertThat(h).isEqualTo(copy);
    assertThat(h.hashCode()).isEqualTo(copy.hashCode());
    assertThat(ResponseHeaders.of(Headers.of()).isEmpty()).isTrue();
    assertThat(ResponseHeaders.of(Headers.of())).isEmpty();
  }

  @Test
  void cannotBeChangedThroughTheMapOrItsLists() {
    ResponseHeaders h = ResponseHeaders.of(HEADERS);

    assertThatThrownBy(() -> h.put("x", List.of("y")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> h.remove("set-cookie"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> h.get("set-cookie").add("c=3"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> h.entrySet().iterator().next().getValue().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(h::clear).isInstanceOf(UnsupportedOperationException.class);
    assertThat(h.get("set-cookie")).containsExactly("a=1", "b=2");
  }

  @Test
  void rawResponseKeepsTheViewAndReadsIdsAndLimitsThroughIt() {
    ResponseHeaders h =
        ResponseHeaders.of(
            HEADERS
                .newBuilder()
                .add("X-RateLimit-Limit", "100")
                .add("x-ratelimit-remaining", "99")
                .build());

    RawResponse<String> r = new RawResponse<>(200, h, "v", 0);

    assertThat(r.headers()).isSameAs(h);
    assertThat(r.requestId()).hasValue("req_1");
    assertThat(r.header("SET-COOKIE")).hasValue("a=1");
    assertThat(r.rateLimit())
        .hasValueSatisfying(
            l -> {
              assertThat(l.limit()).isEqualTo(100);
              assertThat(l.remaining()).isEqualTo(99);
              assertThat(l.hasReset()).isFalse();
            });
  }
}
