package com.oursprivacy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.google.gson.JsonObject;
import com.oursprivacy.core.LogLevel;
import com.oursprivacy.core.RequestOptions;
import com.oursprivacy.core.TokenExchange;
import com.oursprivacy.errors.OursException;
import com.oursprivacy.errors.OursValidationException;
import com.oursprivacy.errors.UnauthorizedException;
import com.oursprivacy.testing.Calls;
import com.oursprivacy.testing.LogCapture;
import com.oursprivacy.testing.Loopback;
import com.oursprivacy.testing.RecordingSleeper;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 23 item 10: credentials that change. A key supplier rotates the key without rebuilding the
 * client; a token exchange sends a token got for the key and exchanges once more after a 401. The
 * secrets never reach logs, messages or toString().
 */
class CredentialsTest {
  private static final String KEY_1 = "sk_live_first_0123456789";
  private static final String KEY_2 = "sk_live_second_987654321";
  private static final String TOKEN_1 = "tok_exchanged_aaaaaaaaaa";
  private static final String TOKEN_2 = "tok_exchanged_bbbbbbbbbb";

  @RegisterExtension static WireMockExtension wm = Loopback.wireMock();

  private OursPrivacy.Builder builder() {
    return OursPrivacy.builder()
        .baseUrl(wm.baseUrl())
        .maxRetries(0)
        .sleeper(new RecordingSleeper())
        .logLevel(LogLevel.DEBUG);
  }

  private static JsonObject call(OursPrivacy ours, boolean async) {
    return Calls.run(
        async,
        () ->
            ours.core()
                .<JsonObject>execute(
                    "GET", "rest/v1/x", null, null, JsonObject.class, RequestOptions.none()),
        () ->
            ours.core()
                .<JsonObject>executeAsync(
                    "GET", "rest/v1/x", null, null, JsonObject.class, RequestOptions.none()));
  }

  private static void answer(String bearer, int status) {
    wm.stubFor(
        get("/rest/v1/x")
            .withHeader("Authorization", equalTo("Bearer " + bearer))
            .willReturn(
                status == 200
                    ? okJson("{\"ok\":true}")
                    : aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                            "{\"error\":\"Unauthorized\",\"details\":\"bad " + bearer + "\"}")));
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void aKeySupplierIsReadPerCallSoARotatedKeyIsUsedWithoutANewClient(boolean async) {
    answer(KEY_1, 200);
    answer(KEY_2, 200);
    AtomicReference<String> store = new AtomicReference<>(KEY_1);
    try (OursPrivacy ours = builder().apiKeySupplier(store::get).build()) {
      call(ours, async);
      store.set(KEY_2 + "  "); // blanks around a stored value are trimmed
      call(ours, async);
    }
    wm.verify(
        1,
        getRequestedFor(urlPathEqualTo("/rest/v1/x"))
            .withHeader("Authorization", equalTo("Bearer " + KEY_1)));
    wm.verify(
        1,
        getRequestedFor(urlPathEqualTo("/rest/v1/x"))
            .withHeader("Authorization", equalTo("Bearer " + KEY_2)));
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void aCallRefusedWithAKeyRotatedMeanwhileIsResentOnceWithTheNewKey(boolean async) {
    answer(KEY_1, 401);
    answer(KEY_2, 200);
    AtomicInteger reads = new AtomicInteger();
    // The first read (for the call) is the old key; the store has rotated by the time of the 401.
    Supplier<String> store = () -> reads.getAndIncrement() == 0 ? KEY_1 : KEY_2;
    try (OursPrivacy ours = builder().apiKeySupplier(store).build()) {
      assertThat(call(ours, async).get("ok").getAsBoolean()).isTrue();
    }
    wm.verify(2, getRequestedFor(urlPathEqualTo("/rest/v1/x")));
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void a401WithTheKeyTheSupplierStillReturnsIsNotRepeated(boolean async) {
    answer(KEY_1, 401);
    try (OursPrivacy ours = builder().apiKeySupplier(() -> KEY_1).build()) {
      assertThatThrownBy(() -> call(ours, async))
          .isInstanceOf(UnauthorizedException.class)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY_1));
    }
    wm.verify(1, getRequestedFor(urlPathEqualTo("/rest/v1/x")));
  }

  @Test
  void aSupplierThatFailsOrReturnsNothingFailsTheCallNamingItWithoutSending() {
    try (OursPrivacy broken =
            builder()
                .apiKeySupplier(
                    () -> {
                      throw new IllegalStateException("vault down, key was " + KEY_1);
                    })
                .build();
        OursPrivacy blank = builder().apiKeySupplier(() -> " ").build();
        OursPrivacy missing = builder().apiKeySupplier(() -> null).build();
        OursPrivacy newline = builder().apiKeySupplier(() -> KEY_1 + "\nX-Injected: 1").build()) {
      assertThatThrownBy(() -> call(broken, false))
          .isInstanceOf(OursException.class)
          .hasMessageContaining("apiKeySupplier")
          .hasMessageContaining("IllegalStateException")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY_1));
      for (OursPrivacy ours : new OursPrivacy[] {blank, missing, newline}) {
        assertThatThrownBy(() -> call(ours, false))
            .isInstanceOfSatisfying(
                OursValidationException.class,
                e -> assertThat(e.field()).startsWith("apiKeySupplier"))
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY_1));
      }
    }
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  private static void exchangeAnswers(String... tokens) {
    String state = Scenario.STARTED;
    for (int i = 0; i < tokens.length; i++) {
      String next = "exchange-" + (i + 1);
      wm.stubFor(
          post("/users/get-token")
              .inScenario("exchange")
              .whenScenarioStateIs(state)
              .withHeader("Authorization", equalTo("Bearer " + KEY_1))
              .willReturn(okJson("{\"token\":\"" + tokens[i] + "\",\"expiresIn\":3600}"))
              .willSetStateTo(next));
      state = next;
    }
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void aTokenExchangedForTheKeyIsSentOnEveryCallAndExchangedOnce(boolean async) {
    exchangeAnswers(TOKEN_1);
    answer(TOKEN_1, 200);
    try (OursPrivacy ours =
        builder().apiKey(KEY_1).tokenExchange(TokenExchange.at("/users/get-token")).build()) {
      call(ours, async);
      call(ours, async);
      call(ours, async);
    }
    wm.verify(1, postRequestedFor(urlPathEqualTo("/users/get-token")));
    wm.verify(
        3,
        getRequestedFor(urlPathEqualTo("/rest/v1/x"))
            .withHeader("Authorization", equalTo("Bearer " + TOKEN_1)));
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void a401IsAnsweredByOneNewExchangeAndOneResend(boolean async) {
    exchangeAnswers(TOKEN_1, TOKEN_2);
    answer(TOKEN_1, 401); // the first token expired
    answer(TOKEN_2, 200);
    try (LogCapture logs = new LogCapture();
        OursPrivacy ours =
            builder().apiKey(KEY_1).tokenExchange(TokenExchange.defaults()).build()) {
      assertThat(call(ours, async).get("ok").getAsBoolean()).isTrue();
      call(ours, async); // the new token is kept: no further exchange
      assertThat(logs.text())
          .contains("get-token")
          .doesNotContain(KEY_1)
          .doesNotContain(TOKEN_1)
          .doesNotContain(TOKEN_2);
    }
    wm.verify(2, postRequestedFor(urlPathEqualTo("/users/get-token")));
    wm.verify(
        1,
        getRequestedFor(urlPathEqualTo("/rest/v1/x"))
            .withHeader("Authorization", equalTo("Bearer " + TOKEN_1)));
    wm.verify(
        2,
        getRequestedFor(urlPathEqualTo("/rest/v1/x"))
            .withHeader("Authorization", equalTo("Bearer " + TOKEN_2)));
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void aSecond401AfterTheNewExchangeIsTheCallersAnswerNotALoop(boolean async) {
    exchangeAnswers(TOKEN_1, TOKEN_2, "tok_never_asked_for_ccc");
    answer(TOKEN_1, 401);
    answer(TOKEN_2, 401);
    try (OursPrivacy ours =
        builder().apiKey(KEY_1).tokenExchange(TokenExchange.defaults()).build()) {
      assertThatThrownBy(() -> call(ours, async))
          .isInstanceOf(UnauthorizedException.class)
          .satisfies(
              e ->
                  assertThat(e.getMessage())
                      .doesNotContain(KEY_1)
                      .doesNotContain(TOKEN_1)
                      .doesNotContain(TOKEN_2));
    }
    wm.verify(2, postRequestedFor(urlPathEqualTo("/users/get-token")));
    wm.verify(2, getRequestedFor(urlPathEqualTo("/rest/v1/x")));
  }

  @Test
  void aRefusedExchangeFailsTheCallWithItsOwnErrorAndSendsNothingElse() {
    wm.stubFor(
        post("/users/get-token")
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"error\":\"invalid key " + KEY_1 + "\"}")));
    try (OursPrivacy ours =
        builder().apiKey(KEY_1).tokenExchange(TokenExchange.defaults()).build()) {
      assertThatThrownBy(() -> call(ours, false))
          .isInstanceOfSatisfying(
              UnauthorizedException.class,
              e -> {
                assertThat(e.getMessage()).doesNotContain(KEY_1).contains("[redacted]");
                assertThat(e.rawBody()).doesNotContain(KEY_1);
              });
    }
    assertThat(wm.findAll(getRequestedFor(urlPathEqualTo("/rest/v1/x")))).isEmpty();
  }

  @Test
  void anExchangeAnswerWithoutATokenIsAnInvalidResponse() {
    wm.stubFor(post("/users/get-token").willReturn(okJson("{\"data\":{\"nothing\":1}}")));
    try (OursPrivacy ours =
        builder().apiKey(KEY_1).tokenExchange(TokenExchange.defaults()).build()) {
      assertThatThrownBy(() -> call(ours, false))
          .isInstanceOf(com.oursprivacy.errors.OursInvalidResponseException.class)
          .hasMessageContaining("token exchange POST /users/get-token")
          .hasMessageContaining("no token");
    }
  }

  @Test
  void anEnvelopedTokenIsAccepted() {
    wm.stubFor(
        post("/users/get-token")
            .willReturn(okJson("{\"data\":{\"access_token\":\"" + TOKEN_1 + "\"}}")));
    answer(TOKEN_1, 200);
    try (OursPrivacy ours =
        builder().apiKey(KEY_1).tokenExchange(TokenExchange.defaults()).build()) {
      assertThat(call(ours, false).get("ok").getAsBoolean()).isTrue();
    }
  }

  @Test
  void noSecretInToStringOfBuildersClientsOrTheExchange() {
    OursPrivacy.Builder b =
        builder()
            .baseUrl("http://user:hunter2@127.0.0.1:" + wm.getPort())
            .apiKeySupplier(() -> KEY_1)
            .tokenExchange(TokenExchange.defaults());
    assertThat(b.toString())
        .doesNotContain("hunter2")
        .doesNotContain("user:")
        .doesNotContain(KEY_1)
        .contains("apiKey=supplied");
    assertThat(OursPrivacy.builder().apiKey(KEY_1).toString()).doesNotContain(KEY_1);
    assertThat(TokenExchange.defaults().toString())
        .isEqualTo("TokenExchange{POST users/get-token}");
  }

  @Test
  void aTokenExchangePathMustBeRelative() {
    assertThatThrownBy(() -> TokenExchange.at(" "))
        .isInstanceOfSatisfying(
            OursValidationException.class,
            e -> assertThat(e.field()).isEqualTo("tokenExchange.path"));
    assertThatThrownBy(() -> TokenExchange.at("users/get-token?key=1"))
        .isInstanceOf(OursValidationException.class);
    assertThat(TokenExchange.at("/users/get-token")).isEqualTo(TokenExchange.defaults());
  }
}
