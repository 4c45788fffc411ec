package com.oursprivacy;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.oursprivacy.core.RequestOptions;
import com.oursprivacy.errors.OursException;
import com.oursprivacy.testing.Loopback;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 12 item 3 (core side): an Error on an OkHttp callback thread still completes the future.
 */
class AsyncFailureTest {
  @RegisterExtension static WireMockExtension wm = Loopback.wireMock();

  /**
   * A response type whose first use throws an Error (ExceptionInInitializerError), as a bug would.
   */
  static final class Boom {
    static final int VALUE = explode();

    String id;

    private static int explode() {
      throw new IllegalStateException("static initializer failed");
    }
  }

  @Test
  void anErrorWhileHandlingTheResponseCompletesTheFutureWithAnOursException() {
    wm.stubFor(get("/rest/v1/x").willReturn(okJson("{\"id\":\"a\"}")));
    try (OursPrivacy ours = Loopback.client(wm.baseUrl()).build()) {
      CompletableFuture<Boom> f =
          ours.core()
              .executeAsync("GET", "rest/v1/x", null, null, Boom.class, RequestOptions.none());
      // Bounded only so that the old behaviour (a future that never completes) fails the test.
      assertThat(f)
          .failsWithin(Duration.ofSeconds(20))
          .withThrowableOfType(java.util.concurrent.ExecutionException.class)
          .havingCause()
          .isInstanceOf(OursException.class)
          .withCauseInstanceOf(ExceptionInInitializerError.class);
    }
  }
}
