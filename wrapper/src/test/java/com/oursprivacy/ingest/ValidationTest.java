package com.oursprivacy.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oursprivacy.errors.OursValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad input is refused with a field + rule, and not one request reaches the server. */
class ValidationTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final FakeTime TIME = new FakeTime(NOW);
  private static IngestServer server;
  private static OursIngest ingest;
  private static Tracker tracker;

  @BeforeAll
  static void start() {
    server = new IngestServer();
    ingest =
        OursIngest.builder()
            .testToken("test-token")
            .mode(Mode.TEST)
            .baseUrl(server.baseUrl())
            .clock(TIME)
            .lookups(k -> null, k -> null)
            .build();
    tracker =
        ingest.tracker(
            TrackerConfig.builder().clock(TIME).sleeper(TIME).flushInterval(Duration.ZERO).build());
  }

  @AfterAll
  static void stop() {
    tracker.close(Duration.ofSeconds(5));
    ingest.close();
    server.close();
  }

  @BeforeEach
  void reset() {
    server.wm.resetRequests();
  }

  private static final Event OK = Event.named("Purchase").userId("u1");

  private static String chars(int n) {
    return "x".repeat(n);
  }

  private static Arguments bad(String field, String rule, Consumer<OursIngest> call) {
    return Arguments.of(field, rule, call);
  }

  private static Consumer<OursIngest> track(Event e) {
    return c -> c.track(e);
  }

  static Stream<Arguments> badInputs() {
    Map<Object, Object> intKeyed = new HashMap<>();
    intKeyed.put(1, "x");
    List<Object> cyclic = new ArrayList<>();
    cyclic.add(cyclic);
    return Stream.of(
        bad("event", "at least one of userId, externalId or email", track(Event.named("Purchase"))),
        bad("event.event", "must not be blank", track(Event.named("   ").userId("u1"))),
        bad("event.event", "must not be blank", track(Event.named("").userId("u1"))),
        bad(
            "event.event",
            "1–1000 characters, was 1001",
            track(Event.named(chars(1001)).userId("u1"))),
        bad("event.userId", "1–400 characters, was 401", track(OK.userId(chars(401)))),
        bad("event.userId", "must not be blank", track(OK.userId(" "))),
        bad(
            "event.externalId",
            "1–400 characters, was 401",
            track(Event.named("E").externalId(chars(401)))),
        bad(
            "event.email",
            "1–1000 characters, was 1001",
            track(Event.named("E").email(chars(1001)))),
        bad("event.distinctId", "1–400 characters, was 401", track(OK.distinctId(chars(401)))),
        bad("event.distinctId", "must not be blank", track(OK.distinctId(""))),
        bad(
            "event.time",
            "9 days in the past; the API accepts at most 7",
            track(OK.at(NOW.minus(Duration.ofDays(9))))),
        bad("event.time", "in the future", track(OK.at(NOW.plus(Duration.ofMinutes(10))))),
        bad(
            "event.eventProperties.price",
            "must be a finite number, was NaN",
            track(OK.property("price", Double.NaN))),
        bad(
            "event.eventProperties.price",
            "finite number, was Infinity",
            track(OK.property("price", Double.POSITIVE_INFINITY))),
        bad("event.eventProperties.ratio", "finite number", track(OK.property("ratio", Float.NaN))),
        bad(
            "event.eventProperties.cart.total",
            "finite number",
            track(OK.property("cart", Map.of("total", Double.NaN)))),
        bad(
            "event.eventProperties.scores[1]",
            "finite number",
            track(OK.property("scores", List.of(1.0, Double.NEGATIVE_INFINITY)))),
        bad(
            "event.eventProperties.arr[0]",
            "finite number",
            track(OK.property("arr", new double[] {Double.NaN}))),
        bad(
            "event.eventProperties.thing",
            "unsupported type java.lang.Object",
            track(OK.property("thing", new Object()))),
        bad(
            "event.eventProperties.m",
            "map keys must be strings",
            track(OK.property("m", intKeyed))),
        bad(
            "event.eventProperties.loop" + "[0]".repeat(33),
            "nested deeper than 32",
            track(OK.property("loop", cyclic))),
        bad(
            "event.userProperties.custom_properties.ltv",
            "finite number",
            track(OK.userProperties(UserProperties.builder().custom("ltv", Double.NaN).build()))),
        bad(
            "event.userProperties.first_name",
            "0–2000 characters, was 2001",
            track(OK.userProperties(UserProperties.builder().firstName(chars(2001)).build()))),
        bad(
            "event.defaultProperties.sessionCount",
            "finite number",
            track(
                OK.defaultProperties(
                    DefaultProperties.builder().property("sessionCount", Double.NaN).build()))),
        bad(
            "event.defaultProperties.referrer",
            "0–5000 characters",
            track(
                OK.defaultProperties(
                    DefaultProperties.builder().property("referrer", chars(5001)).build()))),
        bad(
            "event.identityContext.ip",
            "must not be blank",
            track(OK.identityContext(IdentityContext.of(" ", "UA")))),
        bad(
            "events[1].event",
            "must not be blank",
            c -> c.batch(List.of(OK, Event.named(" ").userId("u")))),
        bad(
            "events[2]",
            "userId, externalId or email",
            async(c -> c.batchAsync(List.of(OK, OK, Event.named("X"))))),
        bad("identify.userId", "must not be blank", c -> c.identify(Identify.user(""))),
        bad(
            "identify.userId",
            "1–400 characters",
            async(c -> c.identifyAsync(Identify.user(chars(401))))),
        bad(
            "event.time",
            "in the past",
            async(c -> c.trackAsync(OK.at(NOW.minus(Duration.ofDays(8)))))),
        bad("event", "userId, externalId or email", async(c -> c.trackAsync(Event.named("X")))),
        bad("event", "userId, externalId or email", c -> tracker.track(Event.named("Tracked"))),
        bad(
            "event.eventProperties.x",
            "finite number",
            c -> tracker.track(OK.property("x", Double.NaN))),
        bad("identify.userId", "must not be blank", c -> tracker.identify(Identify.user("  "))));
  }

  /**
   * An async call that must not throw: its future must already have failed, and the failure is
   * rethrown for the assertions on the field and rule.
   */
  private static Consumer<OursIngest> async(
      java.util.function.Function<OursIngest, java.util.concurrent.CompletableFuture<?>> call) {
    return c -> {
      java.util.concurrent.CompletableFuture<?> future;
      try {
        future = call.apply(c);
      } catch (RuntimeException e) {
        throw new AssertionError("the async form threw instead of failing its future: " + e, e);
      }
      assertThat(future).isCompletedExceptionally();
      Throwable cause = future.handle((v, t) -> t).join();
      if (cause instanceof java.util.concurrent.CompletionException) {
        cause = cause.getCause();
      }
      throw (RuntimeException) cause;
    };
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("badInputs")
  void badInputIsRefusedBeforeAnyRequest(String field, String rule, Consumer<OursIngest> call) {
    assertThatThrownBy(() -> call.accept(ingest))
        .isInstanceOfSatisfying(
            OursValidationException.class,
            e -> {
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.rule()).contains(rule);
            });
    tracker.flush(Duration.ofSeconds(5));
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void nineDaysOldReadsLikeTheDocumentedMessage() {
    assertThatThrownBy(() -> ingest.track(OK.at(NOW.minus(Duration.ofDays(9)))))
        .hasMessage("event.time: 9 days in the past; the API accepts at most 7");
  }

  @Test
  void tooLongTokenFailsAtBuildWithoutShowingIt() {
    String token = "t".repeat(251);
    assertThatThrownBy(
            () ->
                OursIngest.builder()
                    .token(token)
                    .baseUrl(server.baseUrl())
                    .lookups(k -> null, k -> null)
                    .build())
        .isInstanceOf(OursValidationException.class)
        .hasMessage("token: must be 1–250 characters, was 251");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void aValidEventAtTheEdgesOfTheRulesIsSent() {
    ingest.track(
        Event.named(chars(1000))
            .userId(chars(400))
            .distinctId(chars(400))
            .at(NOW.minus(Duration.ofDays(7)))
            .property("n", 1.5)
            .property("nested", Map.of("ok", List.of(1, 2))));
    assertThat(server.requests()).hasSize(1);
  }
}
