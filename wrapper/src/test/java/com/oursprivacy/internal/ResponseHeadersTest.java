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
          .add("Vary", "Accept")
          .add("vary", "Origin")
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

    assertThat(h.get("Vary")).containsExactly("Accept", "Origin");
    assertThat(h.size()).isEqualTo(3);
    assertThat(h.keySet()).containsExactly("content-type", "vary", "x-request-id");
    assertThat(h.entrySet())
        .extracting(Map.Entry::getValue)
        .containsExactly(
            List.of("application/json"), List.of("Accept", "Origin"), List.of("req_1"));
  }

  @Test
  void equalsTheMapACopyWouldHaveBeen() {
    ResponseHeaders h = ResponseHeaders.of(HEADERS);
    Map<String, List<String>> copy =
        Map.of(
            "x-request-id", List.of("req_1"),
            "vary", List.of("Accept", "Origin"),
            "content-type", List.of("application/json"));

    assertThat(h).isEqualTo(copy);
    assertThat(h.hashCode()).isEqualTo(copy.hashCode());
    assertThat(ResponseHeaders.of(Headers.of()).isEmpty()).isTrue();
    assertThat(ResponseHeaders.of(Headers.of())).isEmpty();
  }

  @Test
  void credentialHeadersAndLocationSecretsAreRedacted() {
    ResponseHeaders h =
        ResponseHeaders.of(
            new Headers.Builder()
                .add("Set-Cookie", "session=abc123")
                .add("Authorization", "Bearer xyz")
                .add("Location", "https://u:p@example.com/x?token=abcdef&page=2")
                .build());

    assertThat(h.get("set-cookie")).containsExactly("[redacted]");
    assertThat(h.get("Authorization")).containsExactly("[redacted]");
    assertThat(h.get("location")).containsExactly("https://example.com/x?token=[redacted]&page=2");
    assertThat(h.toString()).doesNotContain("abc123").doesNotContain("xyz").doesNotContain("u:p");
  }

  @Test
  void cannotBeChangedThroughTheMapOrItsLists() {
    ResponseHeaders h = ResponseHeaders.of(HEADERS);

    assertThatThrownBy(() -> h.put("x", List.of("y")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> h.remove("vary")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> h.get("vary").add("Cookie"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> h.entrySet().iterator().next().getValue().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(h::clear).isInstanceOf(UnsupportedOperationException.class);
    assertThat(h.get("vary")).containsExactly("Accept", "Origin");
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
    assertThat(r.header("VARY")).hasValue("Accept");
    assertThat(r.rateLimit())
        .hasValueSatisfying(
            l -> {
              assertThat(l.limit()).isEqualTo(100);
              assertThat(l.remaining()).isEqualTo(99);
              assertThat(l.hasReset()).isFalse();
            });
  }
}
