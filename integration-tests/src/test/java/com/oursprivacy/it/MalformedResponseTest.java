package com.oursprivacy.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.oursprivacy.OursPrivacy;
import com.oursprivacy.errors.OursException;
import com.oursprivacy.ingest.Event;
import com.oursprivacy.ingest.OursIngest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Thousands of deterministic (seeded) corruptions of valid responses: every call either succeeds or
 * throws an {@link OursException} subtype — never an NPE, a Gson exception or a StackOverflowError.
 * One client per API; one stub per operation whose answer a response transformer swaps in memory
 * per variant.
 */
@ExtendWith(SpecValidationExtension.class)
class MalformedResponseTest {
  /** The answer the server gives next: swapped in memory, no admin round trip per variant. */
  private static final AtomicReference<ResponseDefinition> NEXT = new AtomicReference<>();

  @RegisterExtension
  static final WireMockExtension SERVER =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().extensions(new CurrentVariant()))
          .configureStaticDsl(true) // the spec validator reads the journal through the static DSL
          .build();

  /** Replaces whatever the matched stub says with {@link #NEXT}. */
  static final class CurrentVariant implements ResponseDefinitionTransformerV2 {
    @Override
    public ResponseDefinition transform(ServeEvent event) {
      return NEXT.get();
    }

    @Override
    public String getName() {
      return "current-variant";
    }
  }

  private static final long SEED = 20_26_11_23L;
  private static final String DESTINATION =
      "{\"id\":\"d1\",\"name\":\"Mixpanel\",\"type\":\"Mixpanel\",\"status\":\"Enabled\","
          + "\"createdAt\":\"2026-01-01T00:00:00Z\",\"updatedAt\":\"2026-01-02T00:00:00Z\",\"hashingSalt\":\"s\","
          + "\"limitedToSourceIds\":[\"s1\",\"s2\"],\"settings\":{\"region\":\"eu\",\"n\":3}}";

  /** The operations under test: method, path, status of a valid answer, valid body, the call. */
  enum Target {
    GET_DESTINATION("GET", "/rest/v1/destinations/d1", 200, DESTINATION),
    LIST_PAGE(
        "GET",
        "/rest/v1/destinations",
        200,
        "{\"entities\":["
            + DESTINATION
            + ","
            + DESTINATION.replace("d1", "d2")
            + "],\"pagination\":{\"nextCursor\":\"c2\",\"hasMore\":true}}"),
    SOURCE_TOKENS(
        "GET",
        "/rest/v1/sources/s1/tokens",
        200,
        "{\"sourceType\":\"pixel\",\"token\":\"tok_live_0001\",\"testToken\":\"tok_test_0001\","
            + "\"installScript\":\"<script></script>\",\"testInstallScript\":\"<script></script>\"}"),
    BATCH_207(
        "POST",
        "/api/v1/batch",
        207,
        "{\"success\":false,\"accepted\":1,\"failed\":1,\"results\":[{\"index\":0,\"success\":true},"
            + "{\"index\":1,\"success\":false,\"code\":\"queue_failed\",\"message\":\"try later\"}]}");

    final String method;
    final String path;
    final int status;
    final String body;

    Target(String method, String path, int status, String body) {
      this.method = method;
      this.path = path;
      this.status = status;
      this.body = body;
    }
  }

  private WireMock wm;
  private OursPrivacy ours;
  private OursIngest ingest;

  @BeforeEach
  void setUp() {
    WireMockRuntimeInfo info = SERVER.getRuntimeInfo();
    wm = info.getWireMock();
    ours =
        OursPrivacy.builder()
            .apiKey(Clients.API_KEY)
            .baseUrl(info.getHttpBaseUrl())
            .maxRetries(0)
            .build();
    ingest =
        OursIngest.builder()
            .token(Clients.INGEST_TOKEN)
            .baseUrl(Clients.ingestBaseUrl(info))
            .maxRetries(0)
            .build();
  }

  @AfterEach
  void tearDown() {
    ours.close();
    ingest.close();
  }

  @Test
  @SuppressWarnings("EnumOrdinal") // a fixed seed per target; only reproducibility matters
  void everyCorruptedResponseEitherParsesOrThrowsAnOursException() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    List<String> escaped = new ArrayList<>();
    Map<String, Integer> outcomes = new TreeMap<>();
    List<Event> rows =
        List.of(
            Event.named("A").userId("u1").distinctId("r0"),
            Event.named("B").userId("u2").distinctId("r1"));
    for (Target t : Target.values()) {
      Random random = new Random(SEED + t.ordinal());
      List<Variant> variants = variants(t, random);
      counts.put(t.name(), variants.size());
      wm.register(
          request(t.method, urlPathEqualTo(t.path)).willReturn(aResponse().withStatus(500)));
      for (Variant v : variants) {
        ResponseDefinitionBuilder response =
            aResponse().withStatus(v.status).withHeader("Content-Type", v.contentType);
        response = v.bytes != null ? response.withBody(v.bytes) : response.withBody(v.text);
        NEXT.set(response.build());
        try {
          switch (t) {
            case GET_DESTINATION:
              ours.destinations().get("d1");
              break;
            case LIST_PAGE:
              ours.destinations().list().firstPage();
              break;
            case SOURCE_TOKENS:
              ours.sources().tokens("s1");
              break;
            default:
              ingest.batch(rows);
          }
          outcomes.merge(t + " ok", 1, Integer::sum);
        } catch (OursException expected) {
          outcomes.merge(t + " " + expected.getClass().getSimpleName(), 1, Integer::sum);

        } catch (Throwable t2) {
          if (escaped.size() < 20) {
            escaped.add(
                t + " / " + v.name + " → " + t2.getClass().getName() + ": " + t2.getMessage());
          } else if (escaped.size() == 20) {
            escaped.add("…");
          }
        }
      }
    }
    System.out.println("malformed-response variants: " + counts + "\noutcomes: " + outcomes);
    assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isGreaterThan(2_000);
    assertThat(escaped).as("exceptions that escaped the OursException tree").isEmpty();
    for (Target t : Target.values()) {
      assertThat(outcomes)
          .as("the harness really served %s: some variants parse, some are rejected", t)
          .containsKeys(t + " ok", t + " OursInvalidResponseException");
    }
  }

  /** One corrupted answer. */
  static final class Variant {
    final String name;
    final int status;
    final String contentType;
    final String text;
    final byte[] bytes;

    Variant(String name, int status, String contentType, String text, byte[] bytes) {
      this.name = name;
      this.status = status;
      this.contentType = contentType;
      this.text = text;
      this.bytes = bytes;
    }
  }

  static List<Variant> variants(Target t, Random random) {
    List<Variant> out = new ArrayList<>();
    JsonElement valid = JsonParser.parseString(t.body);
    // Wrong types and extreme values at every position in the document.
    List<Supplier<JsonElement>> replacements =
        List.of(
            () -> new JsonPrimitive(1),
            () -> new JsonPrimitive("x"),
            () -> new JsonPrimitive(true),
            () -> JsonNull.INSTANCE,
            JsonArray::new,
            JsonObject::new,
            () -> new JsonPrimitive(new BigDecimal("1e400")),
            () -> new JsonPrimitive(new BigDecimal("-1e-400")),
            () -> new JsonPrimitive(new BigDecimal("123456789012345678901234567890")),
            () -> new JsonPrimitive(1.5),
            () -> new JsonPrimitive(-1),
            () -> new JsonPrimitive(""));
    List<List<Object>> paths = new ArrayList<>();
    collectPaths(valid, new ArrayList<>(), paths);
    for (List<Object> path : paths) {
      for (int i = 0; i < replacements.size(); i++) {
        JsonElement copy = valid.deepCopy();
        replace(copy, path, replacements.get(i).get());
        out.add(json(t, "type " + path + " #" + i, copy.toString()));
      }
      JsonElement removed = valid.deepCopy();
      if (remove(removed, path)) {
        out.add(json(t, "missing " + path, removed.toString()));
      }
    }
    // Truncation at every few bytes.
    for (int cut = 0; cut < t.body.length(); cut += 3) {
      out.add(json(t, "truncated at " + cut, t.body.substring(0, cut)));
    }
    // Raw numbers where the document has numbers: huge, overflowing, exotic spellings.
    for (String n :
        List.of(
            "1e400",
            "-1e400",
            "99999999999999999999999999999999999999",
            "NaN",
            "Infinity",
            "0x10",
            "01",
            "1.",
            ".5",
            "-")) {
      out.add(json(t, "number " + n, t.body.replaceAll("(?<=[:\\[,])(\\d+)(?=[,}\\]])", n)));
    }
    // Deep nesting, at the top and inside a field.
    String deepArray = "[".repeat(10_000) + "]".repeat(10_000);
    String deepObject = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
    out.add(json(t, "deep array", deepArray));
    out.add(json(t, "deep object", deepObject));
    out.add(json(t, "deep unclosed", "[".repeat(10_000)));
    out.add(
        json(t, "deep inside a field", t.body.replaceFirst("\\{", "{\"zz\":" + deepObject + ",")));
    // Envelopes.
    for (String data :
        List.of(
            t.body,
            "null",
            "[]",
            "\"x\"",
            "1",
            "{}",
            "{\"data\":" + t.body + "}",
            "[" + t.body + "]")) {
      out.add(json(t, "data " + data.length(), "{\"data\":" + data + "}"));
    }
    out.add(json(t, "data beside others", "{\"data\":" + t.body + ",\"meta\":{}}"));
    // Not JSON at all, or not the right JSON.
    for (String s :
        List.of(
            "",
            " ",
            "\n",
            "null",
            "true",
            "0",
            "\"str\"",
            "[]",
            "{}",
            "[" + t.body + "]",
            t.body + t.body,
            t.body + "garbage",
            "{\"a\":1,}",
            "{'id':'d1'}",
            "{\"id\":\"\\uZZZZ\"}",
            "\uFEFF" + t.body)) {
      out.add(json(t, "odd " + s.length(), s));
    }
    for (String html :
        List.of(
            "<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>",
            "<html><head><title>Sign in</title></head><body>Please log in</body></html>",
            "<?xml version=\"1.0\"?><error/>")) {
      out.add(
          new Variant("html " + html.length(), t.status, "text/html; charset=utf-8", html, null));
      out.add(json(t, "html as json " + html.length(), html));
    }
    // Binary garbage and random byte flips of the valid body.
    for (int i = 0; i < 100; i++) {
      byte[] junk = new byte[random.nextInt(300)];
      random.nextBytes(junk);
      out.add(
          new Variant(
              "binary " + i,
              t.status,
              i % 2 == 0 ? "application/json" : "application/octet-stream",
              null,
              junk));
      byte[] flipped = t.body.getBytes(StandardCharsets.UTF_8);
      for (int k = 0; k < 1 + random.nextInt(4); k++) {
        flipped[random.nextInt(flipped.length)] = (byte) random.nextInt(256);
      }
      out.add(new Variant("flipped " + i, t.status, "application/json", null, flipped));
    }
    return out;
  }

  private static Variant json(Target t, String name, String body) {
    return new Variant(name, t.status, "application/json", body, null);
  }

  private static void collectPaths(JsonElement e, List<Object> prefix, List<List<Object>> out) {
    if (e.isJsonObject()) {
      for (String k : e.getAsJsonObject().keySet()) {
        List<Object> p = new ArrayList<>(prefix);
        p.add(k);
        out.add(p);
        collectPaths(e.getAsJsonObject().get(k), p, out);
      }
    } else if (e.isJsonArray()) {
      for (int i = 0; i < e.getAsJsonArray().size(); i++) {
        List<Object> p = new ArrayList<>(prefix);
        p.add(i);
        out.add(p);
        collectPaths(e.getAsJsonArray().get(i), p, out);
      }
    }
  }

  private static JsonElement parent(JsonElement root, List<Object> path) {
    JsonElement e = root;
    for (Object step : path.subList(0, path.size() - 1)) {
      e =
          step instanceof Integer
              ? e.getAsJsonArray().get((Integer) step)
              : e.getAsJsonObject().get((String) step);
    }
    return e;
  }

  private static void replace(JsonElement root, List<Object> path, JsonElement value) {
    JsonElement p = parent(root, path);
    Object last = path.get(path.size() - 1);
    if (last instanceof Integer) {
      p.getAsJsonArray().set((Integer) last, value);
    } else {
      p.getAsJsonObject().add((String) last, value);
    }
  }

  private static boolean remove(JsonElement root, List<Object> path) {
    JsonElement p = parent(root, path);
    Object last = path.get(path.size() - 1);
    if (last instanceof Integer) {
      p.getAsJsonArray().remove((int) (Integer) last);
    } else {
      p.getAsJsonObject().remove((String) last);
    }
    return true;
  }
}
