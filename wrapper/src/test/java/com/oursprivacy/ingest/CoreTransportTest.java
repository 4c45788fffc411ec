package com.oursprivacy.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.google.gson.JsonParser;
import com.oursprivacy.core.RawResponse;
import com.oursprivacy.core.RequestOptions;
import com.oursprivacy.internal.ClientCore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import retrofit2.Call;

class CoreTransportTest {
  private final ClientCore core =
      ClientCore.builder().name("t").baseUrl("http://127.0.0.1:9/api/v1/").build();
  private final List<CompletableFuture<?>> handedOut = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    core.close();
  }

  /** An exchange whose future never completes: what an Error on an OkHttp thread used to cause. */
  private final CoreTransport.Exchanger never =
      new CoreTransport.Exchanger() {
        @Override
        public <T> CompletableFuture<RawResponse<T>> exchange(
            Call<T> call, RequestOptions options) {
          CompletableFuture<RawResponse<T>> f = new CompletableFuture<>();
          handedOut.add(f);
          return f;
        }
      };

  @Test
  void aFutureThatNeverCompletesEndsAsANetworkFailureAfterTheCallTimeoutAndGrace() {
    CoreTransport t = new CoreTransport(core, Duration.ofMillis(30), never, Duration.ofMillis(20));
    List<Event> rows = List.of(Event.named("A").userId("u").distinctId("d1"));

    Reply r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> t.batch("tok", rows));

    assertThat(r.status).isZero();
    assertThat(r.isTransient()).isTrue();
    assertThat(r.error).isEqualTo("no answer within 50 ms");
    assertThat(handedOut).singleElement().satisfies(f -> assertThat(f.isCancelled()).isTrue());
  }

  @Test
  void cancelAllCancelsCallsInFlightAndRefusesLaterOnes() throws Exception {
    CoreTransport t = new CoreTransport(core, Duration.ofSeconds(30), never, Duration.ofSeconds(5));
    CompletableFuture<Reply> pending =
        CompletableFuture.supplyAsync(
            () -> t.track("tok", Event.named("A").userId("u").distinctId("d")));
    while (handedOut.isEmpty()) {
      Thread.onSpinWait();
    }

    t.cancelAll();

    assertThat(pending.get().error).isEqualTo("cancelled");
    assertThat(t.identify("tok", Identify.user("u1")).error).isEqualTo("cancelled");
  }

  @Test
  void theStreamedBatchBodyIsExactlyTheTreeBuiltBody() throws Exception {
    List<Event> rows = new ArrayList<>();
    rows.add(
        Event.named("Purchase")
            .userId("u1")
            .externalId("x1")
            .email("a@b.c")
            .distinctId("d1")
            .at(Instant.ofEpochMilli(1_700_000_000_123L))
            .property("sku", "A1")
            .property("price", 19.99)
            .property("qty", 3)
            .property("gift", true)
            .property("none", null)
            .property("tags", List.of("a", "b"))
            .property("arr", new int[] {1, 2})
            .property("nested", Map.of("k", List.of(1.5)))
            .property("c", 'x')
            .userProperties(UserProperties.builder().firstName("Ada").custom("plan", "pro").build())
            .defaultProperties(DefaultProperties.builder().property("utm_source", "news").build())
            .identityContext(IdentityContext.of("203.0.113.9", "UA/1.0")));
    rows.add(Event.named("Bare").email("e@x.y").distinctId("d2"));
    rows.add(
        Event.named("Spooled")
            .userId("u")
            .distinctId("d3")
            .spooled("{\"event\":\"Spooled\",\"distinctId\":\"d3\"}"));

    Buffer out = new Buffer();
    new CoreTransport.BatchBody("tok", rows).writeTo(out);

    var tree = Wire.batch("tok", rows.subList(0, 2));
    tree.getAsJsonArray("events")
        .add(JsonParser.parseString("{\"event\":\"Spooled\",\"distinctId\":\"d3\"}"));
    assertThat(JsonParser.parseString(out.readUtf8())).isEqualTo(tree);
    assertThat(new CoreTransport.BatchBody("tok", rows).toString())
        .doesNotContain("tok")
        .contains("3 rows");
    assertThat(Wire.rowJson(rows.get(0))).isEqualTo(Wire.row(rows.get(0)).toString());
  }

  @Test
  void theStreamedBodyAndSpoolRowAreTheTreeBuiltJson() throws IOException {
    Event e =
        Event.named("Ünïcode 😀")
            .userId("u\u2028")
            .distinctId("d1")
            .property("emoji", "\uD83D\uDE00 and a lone \uD800")
            .property("n", 1.5);
    Buffer out = new Buffer();
    new CoreTransport.BatchBody("tok", java.util.List.of(e, e)).writeTo(out);

    assertThat(Wire.rowUtf8(e)).isEqualTo(Wire.rowJson(e).getBytes(StandardCharsets.UTF_8));
    // the lone surrogate becomes '?' in both, as the JDK's encoder has it
    assertThat(out.readByteArray())
        .isEqualTo(
            Wire.batch("tok", java.util.List.of(e, e)).toString().getBytes(StandardCharsets.UTF_8));
  }
}
