package com.oursprivacy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.oursprivacy.core.RequestOptions;
import com.oursprivacy.errors.BadRequestException;
import com.oursprivacy.errors.ConflictException;
import com.oursprivacy.errors.InternalServerException;
import com.oursprivacy.errors.NotFoundException;
import com.oursprivacy.errors.OursApiException;
import com.oursprivacy.errors.PermissionDeniedException;
import com.oursprivacy.errors.RateLimitException;
import com.oursprivacy.errors.UnauthorizedException;
import com.oursprivacy.errors.UnexpectedStatusCodeException;
import com.oursprivacy.errors.UnprocessableEntityException;
import com.oursprivacy.lowlevel.platform.api.DestinationsApi;
import com.oursprivacy.testing.Calls;
import com.oursprivacy.testing.Loopback;
import com.oursprivacy.testing.LowLevel;
import com.oursprivacy.testing.RecordingSleeper;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ErrorMappingTest {
  @RegisterExtension static WireMockExtension wm = Loopback.wireMock();

  private OursPrivacy ours;

  @BeforeEach
  void setUp() {
    ours =
        OursPrivacy.builder()
            .apiKey("k")
            .baseUrl("http://127.0.0.1:" + wm.getPort())
            .maxRetries(0)
            .sleeper(new RecordingSleeper())
            .build();
  }

  @AfterEach
  void tearDown() {
    ours.close();
  }

  static Stream<Arguments> statuses() {
    return Stream.of(
        Arguments.of(400, BadRequestException.class),
        Arguments.of(401, UnauthorizedException.class),
        Arguments.of(403, PermissionDeniedException.class),
        Arguments.of(404, NotFoundException.class),
        Arguments.of(405, UnexpectedStatusCodeException.class),
        Arguments.of(409, ConflictException.class),
        Arguments.of(422, UnprocessableEntityException.class),
        Arguments.of(429, RateLimitException.class),
        Arguments.of(500, InternalServerException.class),
        Arguments.of(502, InternalServerException.class),
        Arguments.of(503, InternalServerException.class));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("statuses")
  void eachStatusMapsToItsExceptionWithEveryFieldFilled(
      int status, Class<? extends OursApiException> type) {
    String body = "{\"error\":\"Something failed\",\"details\":\"field x is wrong\"}";
    wm.stubFor(
        get("/rest/v1/destinations/d1")
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("X-Request-Id", "req_9")
                    .withBody(body)));

    assertThatThrownBy(
            () ->
                LowLevel.call(
                        ours.raw(DestinationsApi.class),
                        "GET /rest/v1/destinations/{id}",
                        "id",
                        "d1")
                    .execute())
        .isExactlyInstanceOf(type)
        .isInstanceOfSatisfying(
            OursApiException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(status);
              assertThat(e.error()).contains("Something failed");
              assertThat(e.details()).contains("field x is wrong");
              assertThat(e.header("x-request-id")).contains("req_9");
              assertThat(e.rawBody()).isEqualTo(body);
              assertThat(e.getMessage())
                  .isEqualTo(status + ": Something failed (field x is wrong)");
            });
    wm.verify(1, anyRequestedFor(anyUrl()));
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void errorMessageShapeParsesLikeDetails(boolean async) {
    wm.stubFor(
        get("/rest/v1/x")
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withBody(
                        "{\"error\":\"invalid_request\",\"message\":\"limit must be <= 100\"}")));

    assertThatThrownBy(
            () ->
                Calls.run(
                    async,
                    () ->
                        ours.core()
                            .execute(
                                "GET", "rest/v1/x", null, null, Void.class, RequestOptions.none()),
                    () ->
                        ours.core()
                            .executeAsync(
                                "GET", "rest/v1/x", null, null, Void.class, RequestOptions.none())))
        .isInstanceOfSatisfying(
            BadRequestException.class,
            e -> {
              assertThat(e.error()).contains("invalid_request");
              assertThat(e.details()).contains("limit must be <= 100");
            });
  }

  @Test
  void htmlErrorPageKeepsTheStatusExceptionAndTheRawBody() {
    String html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    wm.stubFor(
        get("/rest/v1/x")
            .willReturn(
                aResponse()
                    .withStatus(502)
                    .withHeader("Content-Type", "text/html")
                    .withBody(html)));

    assertThatThrownBy(
            () ->
                ours.core()
                    .execute("GET", "rest/v1/x", null, null, Void.class, RequestOptions.none()))
        .isInstanceOfSatisfying(
            InternalServerException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(502);
              assertThat(e.error()).isEmpty();
              assertThat(e.details()).isEmpty();
              assertThat(e.rawBody()).isEqualTo(html);
            });
  }

  @Test
  void ingestStyleSuccessFalseBodyStillMapsByStatus() {
    wm.stubFor(
        get("/rest/v1/x").willReturn(aResponse().withStatus(401).withBody("{\"success\":false}")));
    assertThatThrownBy(
            () ->
                ours.core()
                    .execute("GET", "rest/v1/x", null, null, Void.class, RequestOptions.none()))
        .isInstanceOfSatisfying(UnauthorizedException.class, e -> assertThat(e.error()).isEmpty());
  }

  @Test
  void rateLimitExceptionCarriesRetryAfterWhenRetriesAreUsedUp() {
    wm.stubFor(
        get("/rest/v1/x").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")));
    assertThatThrownBy(
            () ->
                ours.core()
                    .execute("GET", "rest/v1/x", null, null, Void.class, RequestOptions.none()))
        .isInstanceOfSatisfying(
            RateLimitException.class,
            e -> assertThat(e.retryAfter()).contains(java.time.Duration.ofSeconds(2)));
  }
}
