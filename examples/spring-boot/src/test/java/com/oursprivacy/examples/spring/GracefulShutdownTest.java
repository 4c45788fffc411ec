package com.oursprivacy.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.oursprivacy.OursPrivacy;
import com.oursprivacy.ingest.Tracker;
import com.oursprivacy.sandbox.OursSandbox;
import com.oursprivacy.sandbox.RecordedEvent;
import jakarta.servlet.Filter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Closes the example app while a load generator keeps requests in flight, and finds every event
 * those requests tracked in the sandbox exactly once.
 *
 * <p>No sleeps and no timing assumptions: {@link #HELD} requests are parked by a test filter before
 * they reach the controller; the context's close starts; a probe lifecycle that stops just before
 * Boot's graceful-shutdown phase releases them, so they track their events while the application is
 * shutting down; graceful shutdown waits for them, and only then does the starter close the
 * tracker. With the tracker closed any earlier (its phase above the probe's), those events would be
 * reported DROPPED and missing here. The only bound is JUnit's hang guard.
 */
class GracefulShutdownTest {
  static final int REQUESTS = 400;
  static final int HELD = 40;

  private final OursSandbox sandbox = OursSandbox.start();
  private final ExecutorService clientThreads = Executors.newFixedThreadPool(16);

  @AfterEach
  void stop() throws InterruptedException {
    clientThreads.shutdownNow();
    clientThreads.awaitTermination(1, TimeUnit.MINUTES);
    sandbox.close();
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES) // a hang guard, far above a normal run
  void everyEventOfEveryAcceptedRequestIsDeliveredOnceWhenTheAppStops() throws Exception {
    String testToken;
    try (OursPrivacy ours = sandbox.newClient()) {
      testToken = ours.sources().tokens(sandbox.createSource("example")).getTestToken();
    }
    Gate gate = new Gate();
    ConfigurableApplicationContext app =
        new SpringApplicationBuilder(ExampleApplication.class, GateConfig.class)
            .initializers(ctx -> ctx.getBeanFactory().registerSingleton("gate", gate))
            .properties(
                "server.port=0",
                "ours.privacy.ingest.base-url=" + sandbox.ingestBaseUrl(),
                "ours.privacy.ingest.test-token=" + testToken,
                // Batches fill or wait; the close sends the rest. Generous so a slow machine
                // never abandons: the close returns as soon as everything is sent.
                "ours.privacy.tracker.flush-interval=1s",
                "ours.privacy.tracker.shutdown-timeout=2m",
                "spring.lifecycle.timeout-per-shutdown-phase=2m")
            .run();
    int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    Tracker tracker = app.getBean(Tracker.class);
    HttpClient http = HttpClient.newBuilder().executor(clientThreads).build();

    List<CompletableFuture<HttpResponse<String>>> free = new ArrayList<>();
    List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
    for (int i = 0; i < REQUESTS; i++) {
      boolean hold = i % (REQUESTS / HELD) == 0;
      HttpRequest.Builder r =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello?user=u" + i));
      if (hold) {
        r.header(Gate.HEADER, "1");
      }
      (hold ? held : free).add(http.sendAsync(r.build(), HttpResponse.BodyHandlers.ofString()));
    }
    assertThat(held).hasSize(HELD);
    gate.arrived.await(); // every held request is inside the server, not yet tracked
    for (CompletableFuture<HttpResponse<String>> f : free) {
      assertThat(f.join().statusCode()).isEqualTo(200);
    }
    long trackedBeforeClose = tracker.stats().queued();
    assertThat(trackedBeforeClose).isEqualTo(REQUESTS - HELD);

    CompletableFuture<Void> closing = CompletableFuture.runAsync(app::close);
    for (CompletableFuture<HttpResponse<String>> f : held) {
      HttpResponse<String> r = f.join();
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).startsWith("Hello, u");
    }
    closing.join();

    assertThat(gate.releasedDuringShutdown).isTrue();
    List<RecordedEvent> events = sandbox.ingest().testEvents();
    assertThat(events).hasSize(REQUESTS);
    assertThat(events.stream().map(e -> e.userId().orElseThrow()).distinct()).hasSize(REQUESTS);
    assertThat(events.stream().map(RecordedEvent::distinctId).collect(Collectors.toSet()))
        .hasSize(REQUESTS);
    assertThat(sandbox.ingest().duplicates()).isZero();
    assertThat(tracker.stats().sent()).isEqualTo(REQUESTS);
    assertThat(tracker.stats().dropped() + tracker.stats().abandoned() + tracker.stats().failed())
        .isZero();
    System.out.printf(
        "GracefulShutdownTest: %d requests (%d in flight when the close began), %d events"
            + " delivered, %d duplicates, tracker %s%n",
        REQUESTS, HELD, events.size(), sandbox.ingest().duplicates(), tracker.stats());
  }

  /** Parks the marked requests until the application starts shutting down. */
  static final class Gate {
    static final String HEADER = "X-Test-Hold";
    final CountDownLatch arrived = new CountDownLatch(HELD);
    final CountDownLatch shuttingDown = new CountDownLatch(1);
    volatile boolean releasedDuringShutdown;
  }

  @Configuration(proxyBeanMethods = false)
  static class GateConfig {
    @Bean
    Filter holdFilter(Gate gate) {
      return (request, response, chain) -> {
        if (((jakarta.servlet.http.HttpServletRequest) request).getHeader(Gate.HEADER) != null) {
          gate.arrived.countDown();
          try {
            gate.shuttingDown.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
        }
        chain.doFilter(request, response);
      };
    }

    /** Stops right before Boot's graceful shutdown (phase DEFAULT_PHASE - 1024) begins. */
    @Bean
    SmartLifecycle shutdownProbe(Gate gate) {
      return new SmartLifecycle() {
        private volatile boolean running;

        @Override
        public void start() {
          running = true;
        }

        @Override
        public void stop() {
          running = false;
          gate.releasedDuringShutdown = true;
          gate.shuttingDown.countDown();
        }

        @Override
        public boolean isRunning() {
          return running;
        }

        @Override
        public int getPhase() {
          return SmartLifecycle.DEFAULT_PHASE - 1024 + 1;
        }
      };
    }
  }
}
