package com.oursprivacy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.google.gson.JsonObject;
import com.oursprivacy.core.RequestOptions;
import com.oursprivacy.core.Sleeper;
import com.oursprivacy.errors.OursIoException;
import com.oursprivacy.testing.Loopback;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LifecycleTest {
  @RegisterExtension static WireMockExtension wm = Loopback.wireMock();

  /**
   * Live threads the SDK or OkHttp may have started (OkHttp renames dispatcher threads mid-call).
   */
  private static Set<Thread> sdkThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("ours-privacy") || t.getName().startsWith("OkHttp"))
        .filter(Thread::isAlive)
        .collect(Collectors.toSet());
  }

  private static JsonObject fetch(OursPrivacy ours) {
    return ours.core()
        .execute("GET", "rest/v1/x", null, null, JsonObject.class, RequestOptions.none());
  }

  @Test
  void closeLeavesNoNonDaemonThreadsAndStopsItsOwn() throws Exception {
    wm.stubFor(
        get("/rest/v1/x")
            .inScenario("s")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(503).withHeader("retry-after-ms", "1"))
            .willSetStateTo("ok"));
    wm.stubFor(
        get("/rest/v1/x").inScenario("s").whenScenarioStateIs("ok").willReturn(okJson("{}")));
    Set<Thread> before = sdkThreads();
    OursPrivacy ours =
        OursPrivacy.builder().apiKey("k").baseUrl("http://127.0.0.1:" + wm.getPort()).build();
    // Async with one retry: uses both the dispatcher and the retry scheduler (real sleeper, 1 ms).
    ours.core()
        .executeAsync("GET", "rest/v1/x", null, null, JsonObject.class, RequestOptions.none())
        .join();
    fetch(ours);
    Set<Thread> started = sdkThreads();
    started.removeAll(before);
    assertThat(started)
        .extracting(Thread::getName)
        .anyMatch(n -> n.startsWith("ours-privacy-retry"));
    assertThat(started).allMatch(Thread::isDaemon);

    ours.close();

    for (Thread t : started) {
      if (!t.getName()
          .startsWith("OkHttp TaskRunner")) { // OkHttp's shared, daemon housekeeping thread
        t.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(t.isAlive()).as("thread %s still alive after close()", t.getName()).isFalse();
      }
    }
  }

  @Test
  void callsAfterCloseFailClearly() {
    OursPrivacy ours =
        OursPrivacy.builder().apiKey("k").baseUrl("http://127.0.0.1:" + wm.getPort()).build();
    ours.close();
    ours.close(); // idempotent
    assertThatThrownBy(() -> fetch(ours))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void closeFailsAPendingAsyncRetryInsteadOfStrandingIt() {
    wm.stubFor(
        get("/rest/v1/x")
            .willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(503)));
    CountDownLatch waiting = new CountDownLatch(1);
    Sleeper neverWakes =
        new Sleeper() {
          @Override
          public void sleep(Duration delay) {}

          @Override
          public CompletableFuture<Void> sleepAsync(
              Duration delay, ScheduledExecutorService scheduler) {
            waiting.countDown();
            return new CompletableFuture<>();
          }
        };
    OursPrivacy ours =
        OursPrivacy.builder()
            .apiKey("k")
            .baseUrl("http://127.0.0.1:" + wm.getPort())
            .sleeper(neverWakes)
            .build();
    CompletableFuture<JsonObject> f =
        ours.core()
            .executeAsync("GET", "rest/v1/x", null, null, JsonObject.class, RequestOptions.none());
    try {
      assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    ours.close();
    assertThatThrownBy(f::join)
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(OursIoException.class);
  }

  @Test
  void aSuppliedOkHttpClientKeepsItsPoolsAfterClose() {
    wm.stubFor(get("/rest/v1/x").willReturn(okJson("{}")));
    OkHttpClient shared = new OkHttpClient();
    try {
      OursPrivacy ours =
          OursPrivacy.builder()
              .apiKey("k")
              .baseUrl("http://127.0.0.1:" + wm.getPort())
              .httpClient(shared)
              .build();
      fetch(ours);
      ours.close();
      assertThat(shared.dispatcher().executorService().isShutdown()).isFalse();
      assertThat(shared.connectionPool().connectionCount()).isEqualTo(1);
    } finally {
      shared.dispatcher().executorService().shutdown();
      shared.connectionPool().evictAll();
    }
  }

  @Test
  void sixtyFourThreadsShareOneClient() throws Exception {
    wm.stubFor(get("/rest/v1/x").willReturn(okJson("{\"data\":{\"ok\":true}}")));
    int threads = 64;
    int callsEach = 5;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (OursPrivacy ours =
        OursPrivacy.builder().apiKey("k").baseUrl("http://127.0.0.1:" + wm.getPort()).build()) {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        boolean async = i % 2 == 1;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  int ok = 0;
                  for (int c = 0; c < callsEach; c++) {
                    JsonObject o =
                        async
                            ? ours.core()
                                .<JsonObject>executeAsync(
                                    "GET",
                                    "rest/v1/x",
                                    null,
                                    null,
                                    JsonObject.class,
                                    RequestOptions.none())
                                .join()
                            : fetch(ours);
                    ok += o.get("ok").getAsBoolean() ? 1 : 0;
                  }
                  return ok;
                }));
      }
      start.countDown();
      int total = 0;
      for (Future<Integer> r : results) {
        total += r.get(60, TimeUnit.SECONDS);
      }
      assertThat(total).isEqualTo(threads * callsEach);
      wm.verify(threads * callsEach, anyRequestedFor(anyUrl()));
    } finally {
      pool.shutdownNow();
    }
  }
}
