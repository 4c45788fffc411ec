package com.oursprivacy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.oursprivacy.resources.FacadeIndexAccess;
import com.oursprivacy.sandbox.OursSandbox;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The two request validators of this repository judge the same requests alike. The sandbox ships
 * its own small checker (Gson only: a test aid users put on their classpath must not bring Jackson
 * and swagger-parser), and these integration tests use swagger-request-validator against the pulled
 * spec (a well-kept, independent implementation, so a normalizer mistake cannot hide a wire
 * mistake). Both run here over one corpus: every request the SDK sends (the 180 recorded in {@code
 * wire/platform-requests.txt}, which both must accept) and, for each of those with a JSON body, the
 * request without each required field and with each required string field given a number (which
 * both must refuse). Any verdict they differ on fails the test, except the listed, explained ones.
 */
class ValidatorAgreementTest {
  private static final String KEY = "sk_test_agreement";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /**
   * Requests the two judge differently on purpose or through a known limit, with the reason. Keys
   * are the case names of {@link #cases}.
   */
  private static final Map<String, String> KNOWN =
      Map.of(
          "versions.diff",
          "swagger-request-validator cannot read the anyOf ['draft', uuid] path parameter and"
              + " refuses 'draft'; the sandbox accepts it, as the spec does");

  @Test
  void bothValidatorsGiveTheSameVerdictOnEveryCase() throws Exception {
    Map<String, Case> cases = cases();
    assertThat(cases).hasSizeGreaterThan(FacadeIndexAccess.OPERATIONS.size());
    Map<String, String> differing = new TreeMap<>();
    int refusedByBoth = 0;
    try (OursSandbox sandbox = OursSandbox.builder().apiKey(KEY).start()) {
      for (Map.Entry<String, Case> e : cases.entrySet()) {
        Case c = e.getValue();
        String validator = SpecValidationExtension.validate(c.method, c.url, c.headers, c.body);
        String sandboxSays = sandboxVerdict(sandbox, c);
        boolean validatorAccepts = validator == null;
        boolean sandboxAccepts = sandboxSays == null;
        if (validatorAccepts != c.valid || sandboxAccepts != c.valid) {
          differing.put(
              e.getKey(),
              c.method
                  + " "
                  + c.url
                  + " (expected "
                  + (c.valid ? "accepted" : "refused")
                  + ")\n  validator: "
                  + (validatorAccepts ? "accepted" : validator.lines().findFirst().orElse(""))
                  + "\n  sandbox: "
                  + (sandboxAccepts ? "accepted" : sandboxSays));
        } else if (!c.valid) {
          refusedByBoth++;
        }
      }
    }
    assertThat(refusedByBoth).as("invalid cases both refused").isPositive();
    assertThat(differing.keySet())
        .as("cases the validators disagree on:\n" + String.join("\n", differing.values()))
        .containsExactlyInAnyOrderElementsOf(KNOWN.keySet());
  }

  /** The sandbox's verdict: null when accepted, else its 400 details. */
  private static String sandboxVerdict(OursSandbox sandbox, Case c)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + c.url))
            .header("Authorization", "Bearer " + KEY);
    List<String> ct = c.headers.get("content-type");
    if (ct != null) {
      b.header("Content-Type", ct.get(0));
    }
    b.method(
        c.method,
        c.body.length == 0
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(c.body));
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return r.statusCode() == 400 ? r.body() : null;
  }

  /** The recorded requests (valid) and their mutations (invalid), by a readable name. */
  private static Map<String, Case> cases() throws IOException {
    JsonObject spec = Specs.json("platform.json");
    Map<String, String> recorded = FacadeWireRecordingTest.recorded();
    Map<String, Case> out = new LinkedHashMap<>();
    for (List<String> row : FacadeIndexAccess.OPERATIONS) {
      Case c = Case.parse(recorded.get(row.get(0)));
      out.put(row.get(0), c);
      JsonObject schema = bodySchema(spec, FacadeWireRecordingTest.operation(spec, row));
      if (schema == null || c.body.length == 0 || !schema.has("required")) {
        continue;
      }
      JsonObject body =
          JsonParser.parseString(new String(c.body, StandardCharsets.UTF_8)).getAsJsonObject();
      for (JsonElement r : schema.getAsJsonArray("required")) {
        String field = r.getAsString();
        if (!body.has(field)) {
          continue;
        }
        JsonObject without = body.deepCopy();
        without.remove(field);
        out.put(row.get(0) + " without " + field, c.withBody(without));
        JsonObject fieldSchema = resolve(spec, properties(schema).get(field));
        if (fieldSchema != null && "string".equals(str(fieldSchema, "type"))) {
          JsonObject wrong = body.deepCopy();
          wrong.add(field, new JsonPrimitive(12345));
          out.put(row.get(0) + " with a number for " + field, c.withBody(wrong));
        }
      }
    }
    return out;
  }

  private static JsonObject bodySchema(JsonObject spec, JsonObject op) {
    JsonObject rb = op.getAsJsonObject("requestBody");
    if (rb == null || !rb.has("content")) {
      return null;
    }
    JsonObject json = rb.getAsJsonObject("content").getAsJsonObject("application/json");
    return json == null ? null : resolve(spec, json.get("schema"));
  }

  private static JsonObject properties(JsonObject schema) {
    JsonObject p = schema.getAsJsonObject("properties");
    return p == null ? new JsonObject() : p;
  }

  private static JsonObject resolve(JsonObject spec, JsonElement schema) {
    if (schema == null || !schema.isJsonObject()) {
      return null;
    }
    JsonObject s = schema.getAsJsonObject();
    String ref = str(s, "$ref");
    if (ref == null) {
      return s;
    }
    String name = ref.substring(ref.lastIndexOf('/') + 1);
    return resolve(spec, spec.getAsJsonObject("components").getAsJsonObject("schemas").get(name));
  }

  private static String str(JsonObject o, String key) {
    JsonElement e = o.get(key);
    return e == null || !e.isJsonPrimitive() ? null : e.getAsString();
  }

  /** One request: method, path with raw query, headers (lower-case names) and body bytes. */
  private static final class Case {
    final String method;
    final String url;
    final Map<String, List<String>> headers;
    final byte[] body;
    final boolean valid;

    Case(String method, String url, Map<String, List<String>> headers, byte[] body, boolean valid) {
      this.method = method;
      this.url = url;
      this.headers = headers;
      this.body = body;
      this.valid = valid;
    }

    /** A request as {@link FacadeWireRecordingTest#describe} wrote it. */
    static Case parse(String described) {
      List<String> lines = described.lines().collect(java.util.stream.Collectors.toList());
      String[] requestLine = lines.get(0).split(" ", 2);
      Map<String, List<String>> headers = new LinkedHashMap<>();
      String body = "";
      for (String line : lines.subList(1, lines.size())) {
        if (line.startsWith("body-bytes: ")) {
          continue;
        }
        if (line.startsWith("body: ")) {
          body = line.substring("body: ".length());
          continue;
        }
        int colon = line.indexOf(": ");
        headers
            .computeIfAbsent(
                line.substring(0, colon).toLowerCase(Locale.ROOT), k -> new ArrayList<>())
            .add(line.substring(colon + 2));
      }
      return new Case(
          requestLine[0], requestLine[1], headers, body.getBytes(StandardCharsets.UTF_8), true);
    }

    /** This request with another JSON body, which both validators must refuse. */
    Case withBody(JsonObject json) {
      byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
      Map<String, List<String>> h = new LinkedHashMap<>(headers);
      h.put("content-length", List.of(String.valueOf(bytes.length)));
      return new Case(method, url, h, bytes, false);
    }
  }
}
