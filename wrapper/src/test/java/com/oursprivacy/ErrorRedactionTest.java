package com.oursprivacy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.oursprivacy.errors.OursApiException;
import com.oursprivacy.testing.Loopback;
import com.oursprivacy.testing.RecordingSleeper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 12 item 8: secrets in error bodies, headers, serialized exceptions and toString(). */
class ErrorRedactionTest {
  private static final String KEY = "sk_live_ECHOED_9876543210";
  private static final String SOURCE_TOKEN = "src_tok_ABCDEFGHIJ";

  @RegisterExtension static WireMockExtension wm = Loopback.wireMock();

  private OursApiException echoedError() {
    wm.stubFor(
        get("/rest/v1/destinations/dst_1")
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("Set-Cookie", "session=" + KEY)
                    .withHeader("X-Echo", "key " + KEY)
                    .withBody(
                        "{\"error\":\"Unauthorized\",\"details\":\"bad key\",\"received\":\"Bearer "
                            + KEY
                            + "\",\"token\":\""
                            + SOURCE_TOKEN
                            + "\"}")));
    try (OursPrivacy ours =
        OursPrivacy.builder()
            .apiKey(KEY)
            .baseUrl(wm.baseUrl())
            .sleeper(new RecordingSleeper())
            .build()) {
      return (OursApiException)
          org.assertj.core.api.Assertions.catchThrowable(() -> ours.destinations().get("dst_1"));
    }
  }

  @Test
  void rawBodyAndHeadersAreRedactedLikeLogs() {
    OursApiException e = echoedError();
    assertThat(e.statusCode()).isEqualTo(401);
    assertThat(e.rawBody()).doesNotContain(KEY).doesNotContain(SOURCE_TOKEN).contains("[redacted]");
    assertThat(e.headers().toString()).doesNotContain(KEY);
    assertThat(e.header("X-Echo")).hasValue("key [redacted]");
    assertThat(e.unredactedRawBody()).contains(KEY).contains(SOURCE_TOKEN);
    assertThat(e.getMessage()).doesNotContain(KEY);
  }

  @Test
  void aSerializedApiExceptionHoldsNoBodyAndNoHeaders() throws Exception {
    OursApiException e = echoedError();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(e);
    }
    assertThat(new String(bytes.toByteArray(), StandardCharsets.ISO_8859_1))
        .doesNotContain(KEY)
        .doesNotContain(SOURCE_TOKEN);
    OursApiException back;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      back = (OursApiException) in.readObject();
    }
    assertThat(back.statusCode()).isEqualTo(401);
    assertThat(back.error()).hasValue("Unauthorized");
    assertThat(back.rawBody()).isEmpty();
    assertThat(back.unredactedRawBody()).isEmpty();
    assertThat(back.headers()).isEmpty();
  }

  @Test
  void toStringHidesTheUserinfoOfTheBaseUrl() {
    try (OursPrivacy ours =
        OursPrivacy.builder().apiKey(KEY).baseUrl("http://admin:hunter2@127.0.0.1:1").build()) {
      assertThat(ours.toString())
          .doesNotContain("hunter2")
          .doesNotContain("admin")
          .doesNotContain(KEY)
          .contains("127.0.0.1:1");
    }
    try (com.oursprivacy.ingest.OursIngest ingest =
        com.oursprivacy.ingest.OursIngest.builder()
            .token(SOURCE_TOKEN)
            .baseUrl("http://admin:hunter2@127.0.0.1:1/api/v1")
            .build()) {
      assertThat(ingest.toString()).doesNotContain("hunter2").doesNotContain(SOURCE_TOKEN);
    }
  }
}
