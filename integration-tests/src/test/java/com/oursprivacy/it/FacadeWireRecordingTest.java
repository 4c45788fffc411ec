package com.oursprivacy.it;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.gson.JsonObject;
import com.oursprivacy.OursPrivacy;
import com.oursprivacy.pagination.AutoPager;
import com.oursprivacy.resources.FacadeIndexAccess;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Every operation's request stays byte-identical on the wire: the request each facade method sends
 * (method, path, query string in order, headers, body bytes) is compared with the one recorded in
 * {@code wire/platform-requests.txt}, which is this SDK's own output captured before the facade
 * moved onto the Retrofit stubs. Both the blocking form and the raw asynchronous form must match.
 *
 * <p>Re-record deliberately (and review the diff) with {@code -Dours.wire.record=true}.
 */
@SpecCheckedWireMockTest
class FacadeWireRecordingTest {
  static final String RESOURCE = "wire/platform-requests.txt";
  private static final String SEPARATOR = "=== ";

  /**
   * Headers left out of the recording: {@code Host} carries WireMock's random port, {@code
   * User-Agent} the JVM and OS versions of the machine running the test.
   */
  private static final List<String> VOLATILE = List.of("host", "user-agent");

  @Test
  @KnownSpecViolation(
      value = "GET /rest/v1/versions/draft/diff",
      reason =
          "valid per the spec (id: anyOf ['draft', uuid]); the validator cannot read anyOf path parameters")
  void everyOperationSendsTheRecordedRequest(WireMockRuntimeInfo wm) throws Exception {
    JsonObject spec = FacadeCoverageTest.spec();
    JsonObject raw = FacadeCoverageTest.rawSpec();
    Map<String, String> now = new LinkedHashMap<>();
    try (OursPrivacy ours = Clients.platform(wm)) {
      for (List<String> row : FacadeIndexAccess.OPERATIONS) {
        JsonObject op = operation(spec, row);
        String body =
            "boolean".equals(op.get("x-ours-response-type").getAsString())
                ? "true"
                : FacadeCoverageTest.ANY_LIST_BODY;
        wm.getWireMock()
            .register(
                request(row.get(1), urlPathEqualTo(FacadeCoverageTest.concrete(row, raw)))
                    .willReturn(okJson(body)));
      }
      int seen = 0;
      for (List<String> row : FacadeIndexAccess.OPERATIONS) {
        JsonObject op = operation(spec, row);
        List<String> pathValues = FacadeCoverageTest.pathValues(operation(raw, row), row.get(2));
        Object service = OursPrivacy.class.getMethod(row.get(3)).invoke(ours);
        Class<?> serviceType = OursPrivacy.class.getMethod(row.get(3)).getReturnType();
        Method withRaw = serviceType.getMethod("withRawResponse");
        Method sync = FacadeCoverageTest.simplest(serviceType, row.get(4));
        Object result =
            sync.invoke(service, FacadeCoverageTest.arguments(sync, op, spec, pathValues));
        if (result instanceof AutoPager) {
          ((AutoPager<?>) result).firstPage();
        }
        Object rawService = withRaw.invoke(service);
        Method rawAsync =
            FacadeCoverageTest.simplest(withRaw.getReturnType(), row.get(4) + "Async");
        ((CompletableFuture<?>)
                rawAsync.invoke(
                    rawService, FacadeCoverageTest.arguments(rawAsync, op, spec, pathValues)))
            .join();

        List<LoggedRequest> all = wm.getWireMock().find(anyRequestedFor(anyUrl()));
        assertThat(all.size() - seen).as(row.get(0) + ": requests sent").isEqualTo(2);
        String blocking = describe(all.get(seen));
        String async = describe(all.get(seen + 1));
        seen = all.size();
        assertThat(async).as(row.get(0) + ": raw async form vs blocking form").isEqualTo(blocking);
        now.put(row.get(0), blocking);
      }
    }

    Path source = Path.of("src/test/resources").resolve(RESOURCE);
    if (Boolean.getBoolean("ours.wire.record")) {
      Files.createDirectories(source.getParent());
      Files.writeString(source, render(now), StandardCharsets.UTF_8);
    }
    Map<String, String> recorded = parse(Files.readString(source, StandardCharsets.UTF_8));
    assertThat(now.keySet())
        .as("operations")
        .containsExactlyInAnyOrderElementsOf(recorded.keySet());
    List<String> differing = new ArrayList<>();
    for (Map.Entry<String, String> e : now.entrySet()) {
      if (!e.getValue().equals(recorded.get(e.getKey()))) {
        differing.add(
            e.getKey()
                + "\n--- recorded\n"
                + recorded.get(e.getKey())
                + "--- now\n"
                + e.getValue());
      }
    }
    assertThat(differing).as("requests that changed on the wire").isEmpty();
    assertThat(now).hasSize(FacadeIndexAccess.OPERATIONS.size());
  }

  static JsonObject operation(JsonObject spec, List<String> row) {
    return spec.getAsJsonObject("paths")
        .getAsJsonObject(row.get(2))
        .getAsJsonObject(row.get(1).toLowerCase(Locale.ROOT));
  }

  /**
   * The request as received: request line with the raw query string, the headers (names lower case,
   * sorted; values in the order sent), the body's length and SHA-256, and the body as UTF-8 text
   * for review.
   */
  static String describe(LoggedRequest r) {
    StringBuilder sb = new StringBuilder();
    sb.append(r.getMethod().getName()).append(' ').append(r.getUrl()).append('\n');
    Map<String, List<String>> headers = new TreeMap<>();
    for (HttpHeader h : r.getHeaders().all()) {
      String name = h.key().toLowerCase(Locale.ROOT);
      if (!VOLATILE.contains(name)) {
        headers.computeIfAbsent(name, k -> new ArrayList<>()).addAll(h.values());
      }
    }
    headers.forEach((k, v) -> sb.append(k).append(": ").append(String.join(", ", v)).append('\n'));
    byte[] body = r.getBody() == null ? new byte[0] : r.getBody();
    sb.append("body-bytes: ").append(body.length).append(' ').append(sha256(body)).append('\n');
    sb.append("body: ").append(new String(body, StandardCharsets.UTF_8)).append('\n');
    return sb.toString();
  }

  private static String sha256(byte[] bytes) {
    try {
      StringBuilder hex = new StringBuilder();
      for (byte b : MessageDigest.getInstance("SHA-256").digest(bytes)) {
        hex.append(String.format(Locale.ROOT, "%02x", b));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static String render(Map<String, String> requests) {
    StringBuilder sb = new StringBuilder();
    requests.forEach((op, req) -> sb.append(SEPARATOR).append(op).append('\n').append(req));
    return sb.toString();
  }

  /**
   * The recorded requests by operation ({@code destinations.create}), as {@link #describe} wrote
   * them.
   */
  static Map<String, String> recorded() throws IOException {
    return parse(
        Files.readString(Path.of("src/test/resources").resolve(RESOURCE), StandardCharsets.UTF_8));
  }

  private static Map<String, String> parse(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    String op = null;
    StringBuilder req = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      if (line.startsWith(SEPARATOR)) {
        if (op != null) {
          out.put(op, req.toString());
        }
        op = line.substring(SEPARATOR.length());
        req.setLength(0);
      } else if (op != null && !(line.isEmpty() && req.length() == 0)) {
        req.append(line).append('\n');
      }
    }
    if (op != null) {
      // the file ends with '\n': split leaves one empty trailing element
      out.put(op, req.substring(0, req.length() - 1));
    }
    return out;
  }
}
