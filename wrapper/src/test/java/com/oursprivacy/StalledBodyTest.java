package com.oursprivacy;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oursprivacy.errors.OursTimeoutException;
import com.oursprivacy.testing.Calls;
import com.oursprivacy.testing.RawServer;
import com.oursprivacy.testing.RecordingSleeper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 12 item 6: a body that stalls mid-read is a timeout, not a cut-off body. */
class StalledBodyTest {
  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void aBodyStallingMidReadIsAnOursTimeoutException(boolean async) throws Exception {
    byte[] body =
        "{\"id\":\"dst_1\",\"type\":\"Klaviyo\",\"status\":\"Enabled\"}"
            .getBytes(StandardCharsets.UTF_8);
    try (RawServer server =
            new RawServer(
                out -> {
                  out.write(
                      RawServer.head(
                          200, "Content-Type: application/json", "Content-Length: " + body.length));
                  // One byte per second: every gap is longer than the client's read timeout.
                  for (byte b : body) {
                    out.write(b);
                    out.flush();
                    Thread.sleep(1000);
                  }
                });
        OursPrivacy ours =
            OursPrivacy.builder()
                .apiKey("k-123456")
                .baseUrl(server.baseUrl())
                .readTimeout(Duration.ofMillis(200))
                .maxRetries(0)
                .sleeper(new RecordingSleeper())
                .build()) {
      assertThatThrownBy(
              () ->
                  Calls.run(
                      async,
                      () -> ours.destinations().get("dst_1"),
                      () -> ours.destinations().getAsync("dst_1")))
          .isInstanceOf(OursTimeoutException.class)
          .hasMessageContaining("timed out while reading the HTTP 200 body");
    }
  }
}
