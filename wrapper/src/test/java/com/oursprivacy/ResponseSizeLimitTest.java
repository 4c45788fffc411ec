package com.oursprivacy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.oursprivacy.errors.OursInvalidResponseException;
import com.oursprivacy.ingest.Event;
import com.oursprivacy.ingest.OursIngest;
import com.oursprivacy.testing.Calls;
import com.oursprivacy.testing.Loopback;
import com.oursprivacy.testing.RawServer;
import com.oursprivacy.testing.RecordingSleeper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 12 item 2: every body is read through a size limit, after decompression. */
class ResponseSizeLimitTest {
  private static final int LIMIT = 4096;

  @RegisterExtension static WireMockExtension wm = Loopback.wireMock();

  private static String destinationWithName(int nameLength) {
    char[] name = new char[nameLength];
    Arrays.fill(name, 'x');
    return "{\"id\":\"dst_1\",\"type\":\"Klaviyo\",\"status\":\"Enabled\",\"createdAt\":\"2026-01-01T00:00:00Z\","
        + "\"name\":\""
        + new String(name)
        + "\"}";
  }

  private OursPrivacy client(String baseUrl, long limit) {
    return OursPrivacy.builder()
        .apiKey("k-123456")
        .baseUrl(baseUrl)
        .maxRetries(0)
        .sleeper(new RecordingSleeper())
        .maxResponseBytes(limit)
        .build();
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void aBodyDeclaringMoreThanTheLimitIsRefusedBeforeReading(boolean async) {
    wm.stubFor(
        get("/rest/v1/destinations/dst_1")
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(destinationWithName(2 * LIMIT))));
    try (OursPrivacy ours = client(wm.baseUrl(), LIMIT)) {
      assertThatThrownBy(
              () ->
                  Calls.run(
                      async,
                      () -> ours.destinations().get("dst_1"),
                      () -> ours.destinations().getAsync("dst_1")))
          .isInstanceOfSatisfying(
              OursInvalidResponseException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(200);
                assertThat(e.getMessage()).contains("maxResponseBytes (4096 bytes)");
              });
    }
  }

  @Test
  void aBodyUnderTheLimitStillParses() {
    wm.stubFor(
        get("/rest/v1/destinations/dst_1")
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(destinationWithName(LIMIT / 2))));
    try (OursPrivacy ours = client(wm.baseUrl(), LIMIT)) {
      assertThat(ours.destinations().get("dst_1").getName()).hasSize(LIMIT / 2);
    }
  }

  @Test
  void anErrorBodyOverTheLimitIsAnInvalidResponseNotAnApiError() {
    wm.stubFor(
        get("/rest/v1/destinations/dst_1")
            .willReturn(
                aResponse()
                    .withStatus(500)
                    .withBody("{\"error\":\"" + "e".repeat(2 * LIMIT) + "\"}")));
    try (OursPrivacy ours = client(wm.baseUrl(), LIMIT)) {
      assertThatThrownBy(() -> ours.destinations().get("dst_1"))
          .isInstanceOfSatisfying(
              OursInvalidResponseException.class, e -> assertThat(e.statusCode()).isEqualTo(500));
    }
  }

  /** A gzip body: its Content-Length is small, what it inflates to is not. */
  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void aSmallGzipBodyInflatingPastTheLimitIsCutOffAtTheLimit(boolean async) throws Exception {
    byte[] gzip = gzip(destinationWithName(64 * LIMIT).getBytes(StandardCharsets.UTF_8));
    assertThat(gzip.length).isLessThan(LIMIT);
    try (RawServer server =
            new RawServer(
                out -> {
                  out.write(
                      RawServer.head(
                          200,
                          "Content-Type: application/json",
                          "Content-Encoding: gzip",
                          "Content-Length: " + gzip.length));
                  out.write(gzip);
                });
        OursPrivacy ours = client(server.baseUrl(), LIMIT)) {
      assertThatThrownBy(
              () ->
                  Calls.run(
                      async,
                      () -> ours.destinations().get("dst_1"),
                      () -> ours.destinations().getAsync("dst_1")))
          .isInstanceOf(OursInvalidResponseException.class)
          .hasMessageContaining("maxResponseBytes");
    }
  }

  @Test
  void theIngestClientHasTheSameLimit() {
    wm.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.post("/api/v1/track")
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody("{\"success\":true,\"pad\":\"" + "p".repeat(2 * LIMIT) + "\"}")));
    try (OursIngest ingest =
        OursIngest.builder()
            .token("live-token-123")
            .baseUrl(wm.baseUrl() + "/api/v1")
            .maxRetries(0)
            .maxResponseBytes(LIMIT)
            .build()) {
      assertThatThrownBy(() -> ingest.track(Event.named("Purchase").userId("u1")))
          .isInstanceOf(OursInvalidResponseException.class)
          .hasMessageContaining("maxResponseBytes");
    }
  }

  /**
   * The default limit, with a chunked body (no Content-Length) of 64 MiB of valid JSON: reading
   * stops at 32 MiB, the connection is closed, and the server's writes fail well before the end.
   */
  @Test
  void theDefaultLimitStopsAStreamedBodyOf64MiB() throws Exception {
    long total = 64L * 1024 * 1024;
    AtomicLong written = new AtomicLong();
    try (RawServer server =
            new RawServer(
                out -> {
                  out.write(
                      RawServer.head(
                          200, "Content-Type: application/json", "Transfer-Encoding: chunked"));
                  chunk(
                      out,
                      "{\"id\":\"dst_1\",\"type\":\"Klaviyo\",\"status\":\"Enabled\",\"name\":\""
                          .getBytes(StandardCharsets.UTF_8));
                  byte[] xs = new byte[64 * 1024];
                  Arrays.fill(xs, (byte) 'x');
                  for (long n = 0; n < total; n += xs.length) {
                    chunk(out, xs);
                    written.addAndGet(xs.length);
                  }
                  chunk(
                      out,
                      "\",\"createdAt\":\"2026-01-01T00:00:00Z\"}"
                          .getBytes(StandardCharsets.UTF_8));
                  out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                });
        OursPrivacy ours =
            OursPrivacy.builder()
                .apiKey("k-123456")
                .baseUrl(server.baseUrl())
                .maxRetries(0)
                .sleeper(new RecordingSleeper())
                .build()) {
      assertThatThrownBy(() -> ours.destinations().get("dst_1"))
          .isInstanceOf(OursInvalidResponseException.class)
          .hasMessageContaining("maxResponseBytes (33554432 bytes)");
    }
    assertThat(written.get()).isLessThan(total);
  }

  private static void chunk(OutputStream out, byte[] data) throws IOException {
    out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(data);
    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(data);
    }
    return bytes.toByteArray();
  }
}
