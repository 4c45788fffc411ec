package com.oursprivacy.it;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.oursprivacy.OursPrivacy;
import com.oursprivacy.core.RequestOptions;
import com.oursprivacy.pagination.AutoPager;
import com.oursprivacy.resources.FacadeIndexAccess;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every operation in the spec the build was pointed at is reachable from the facade: invoking its
 * facade method sends exactly that HTTP method to that path.
 */
@SpecCheckedWireMockTest
class FacadeCoverageTest {
  static final String ANY_LIST_BODY =
      "{\"entities\":[],\"pagination\":{\"nextCursor\":null,\"hasMore\":false},\"items\":[],\"hasMore\":false,\"total\":0}";

  static JsonObject spec() throws IOException {
    return Specs.json("platform.json");
  }

  static JsonObject rawSpec() throws IOException {
    return Specs.json("platform.source.json");
  }

  /** A value for each path parameter, in path order, that the pulled spec accepts. */
  static List<String> pathValues(JsonObject rawOp, String path) {
    List<String> values = new ArrayList<>();
    java.util.regex.Matcher mt = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(path);
    while (mt.find()) {
      String value = SchemaSamples.UUID;
      if (rawOp.has("parameters")) {
        for (JsonElement p : rawOp.getAsJsonArray("parameters")) {
          JsonObject po = p.getAsJsonObject();
          if (po.get("name").getAsString().equals(mt.group(1)) && po.has("schema")) {
            value = pathSample(po.getAsJsonObject("schema"));
          }
        }
      }
      values.add(value);
    }
    return values;
  }

  private static String pathSample(JsonObject schema) {
    if (schema.has("enum")) {
      return schema.getAsJsonArray("enum").get(0).getAsString();
    }
    for (String k : new String[] {"anyOf", "oneOf"}) {
      if (schema.has(k)) {
        return pathSample(schema.getAsJsonArray(k).get(0).getAsJsonObject());
      }
    }
    return SchemaSamples.UUID;
  }

  @Test
  void theIndexListsEverySpecOperationOnce() throws IOException {
    Set<String> inSpec = new TreeSet<>();
    for (Map.Entry<String, JsonElement> p : spec().getAsJsonObject("paths").entrySet()) {
      for (Map.Entry<String, JsonElement> m : p.getValue().getAsJsonObject().entrySet()) {
        inSpec.add(m.getKey().toUpperCase(Locale.ROOT) + " " + p.getKey());
      }
    }
    Set<String> inIndex = new TreeSet<>();
    for (List<String> row : FacadeIndexAccess.OPERATIONS) {
      assertThat(inIndex.add(row.get(1) + " " + row.get(2))).as("duplicate " + row).isTrue();
    }
    assertThat(inIndex).isEqualTo(inSpec);
  }

  @Test
  @KnownSpecViolation(
      value = "GET /rest/v1/versions/draft/diff",
      reason =
          "valid per the spec (id: anyOf ['draft', uuid]); the validator cannot read anyOf path parameters")
  void everyOperationIsReachableThroughItsFacadeMethod(WireMockRuntimeInfo wm) throws Exception {
    JsonObject spec = spec();
    JsonObject raw = rawSpec();
    try (OursPrivacy ours = Clients.platform(wm)) {
      List<String> failures = new ArrayList<>();
      // One stub per operation, all up front: resetting stubs would also clear the request log,
      // and the spec check validates every request after the test.
      for (List<String> row : FacadeIndexAccess.OPERATIONS) {
        JsonObject op =
            spec.getAsJsonObject("paths")
                .getAsJsonObject(row.get(2))
                .getAsJsonObject(row.get(1).toLowerCase(Locale.ROOT));
        String body =
            "boolean".equals(op.get("x-ours-response-type").getAsString()) ? "true" : ANY_LIST_BODY;
        wm.getWireMock()
            .register(
                request(row.get(1), urlPathEqualTo(concrete(row, raw))).willReturn(okJson(body)));
      }
      int seen = 0;
      for (List<String> row : FacadeIndexAccess.OPERATIONS) {
        JsonObject op =
            spec.getAsJsonObject("paths")
                .getAsJsonObject(row.get(2))
                .getAsJsonObject(row.get(1).toLowerCase(Locale.ROOT));

        Object service = OursPrivacy.class.getMethod(row.get(3)).invoke(ours);
        Class<?> serviceType = OursPrivacy.class.getMethod(row.get(3)).getReturnType();
        Method withRaw = serviceType.getMethod("withRawResponse");
        Method m = simplest(serviceType, row.get(4));
        JsonObject rawOp =
            raw.getAsJsonObject("paths")
                .getAsJsonObject(row.get(2))
                .getAsJsonObject(row.get(1).toLowerCase(Locale.ROOT));
        Object result = m.invoke(service, arguments(m, op, spec, pathValues(rawOp, row.get(2))));
        if (result instanceof AutoPager) {
          ((AutoPager<?>) result).firstPage();
        }
        // the raw, asynchronous form of the same operation reaches the same endpoint
        Object rawService = withRaw.invoke(service);
        Method rawAsync = simplest(withRaw.getReturnType(), row.get(4) + "Async");
        Object rawResult =
            ((java.util.concurrent.CompletableFuture<?>)
                    rawAsync.invoke(
                        rawService, arguments(rawAsync, op, spec, pathValues(rawOp, row.get(2)))))
                .join();
        assertThat(rawResult).isInstanceOf(com.oursprivacy.core.RawResponse.class);
        assertThat(((com.oursprivacy.core.RawResponse<?>) rawResult).statusCode()).isEqualTo(200);

        // Requests are never reset: the spec check validates every one of them after the test.
        List<LoggedRequest> all = wm.getWireMock().find(anyRequestedFor(anyUrl()));
        List<LoggedRequest> sent = all.subList(seen, all.size());
        seen = all.size();
        String expectedPath = concrete(row, raw);
        if (sent.size() != 2
            || sent.stream()
                .anyMatch(
                    r ->
                        !r.getMethod().getName().equals(row.get(1))
                            || !r.getUrl().split("\\?", 2)[0].equals(expectedPath))) {
          failures.add(
              row.get(0)
                  + " sent "
                  + sent.size()
                  + " requests, first: "
                  + (sent.isEmpty()
                      ? "none"
                      : sent.get(0).getMethod() + " " + sent.get(0).getUrl()));
        }
      }
      assertThat(failures).isEmpty();
      assertThat(FacadeIndexAccess.OPERATIONS)
          .hasSize(
              spec.getAsJsonObject("paths").entrySet().stream()
                  .mapToInt(e -> e.getValue().getAsJsonObject().size())
                  .sum());
    }
  }

  /** A path value valid for string and uuid path parameters alike. */
  private static final String PATH_VALUE = SchemaSamples.UUID;

  /** The public overload of {@code name} with the fewest parameters (no async). */
  static Method simplest(Class<?> c, String name) {
    return Arrays.stream(c.getMethods())
        .filter(m -> m.getName().equals(name) && Modifier.isPublic(m.getModifiers()))
        .min(Comparator.comparingInt(Method::getParameterCount))
        .orElseThrow(() -> new AssertionError(c.getSimpleName() + " has no method " + name));
  }

  /** The operation's path with each parameter filled by {@link #pathValues}. */
  static String concrete(List<String> row, JsonObject raw) {
    JsonObject rawOp =
        raw.getAsJsonObject("paths")
            .getAsJsonObject(row.get(2))
            .getAsJsonObject(row.get(1).toLowerCase(Locale.ROOT));
    String path = row.get(2);
    for (String v : pathValues(rawOp, row.get(2))) {
      path = path.replaceFirst("\\{[^}]+}", v);
    }
    return path;
  }

  static Object[] arguments(Method m, JsonObject op, JsonObject spec, List<String> pathValues)
      throws ReflectiveOperationException {
    return arguments(m, op, spec, pathValues, NO_STEP);
  }

  /** No step: a params object without required fields is then {@code none()}. */
  static final BuilderStep NO_STEP = b -> {};

  /** A builder step the caller adds before {@code build()}, for example a nested clear. */
  interface BuilderStep {
    void apply(Object builder) throws ReflectiveOperationException;
  }

  /**
   * Arguments for {@code m}: the path values, {@code RequestOptions.none()}, and a params object
   * with the body fields and query parameters the spec requires, then {@code step} applied.
   */
  static Object[] arguments(
      Method m, JsonObject op, JsonObject spec, List<String> pathValues, BuilderStep step)
      throws ReflectiveOperationException {
    java.util.Iterator<String> paths = pathValues.iterator();
    JsonObject schemas = spec.getAsJsonObject("components").getAsJsonObject("schemas");
    JsonObject body =
        op.has("x-ours-body-type")
            ? SchemaSamples.minimal(
                    schemas.getAsJsonObject(op.get("x-ours-body-type").getAsString()), schemas)
                .getAsJsonObject()
            : new JsonObject();
    Class<?>[] types = m.getParameterTypes();
    Object[] args = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      Class<?> t = types[i];
      if (t == String.class) {
        args[i] = paths.next();
      } else if (t == RequestOptions.class) {
        args[i] = RequestOptions.none();
      } else if (hasStatic(t, "none") && step == NO_STEP) {
        args[i] = t.getMethod("none").invoke(null);
      } else if (hasStatic(t, "builder")) {
        Object b = t.getMethod("builder").invoke(null);
        if (hasMethod(b.getClass(), "setField")) { // a body: the required fields, set
          Method set = b.getClass().getMethod("setField", String.class, Object.class);
          for (String field : body.keySet()) {
            set.invoke(b, field, body.get(field));
          }
        }
        fillRequiredQuery(b, op);
        step.apply(b);
        args[i] = b.getClass().getMethod("build").invoke(b);
      } else {
        throw new AssertionError(
            m + " takes " + t + ", which is neither a path parameter, options nor a params object");
      }
    }
    return args;
  }

  /** Sets each query parameter the spec requires to a value its schema accepts. */
  private static void fillRequiredQuery(Object builder, JsonObject op)
      throws ReflectiveOperationException {
    if (!op.has("parameters")) {
      return;
    }
    for (JsonElement p : op.getAsJsonArray("parameters")) {
      JsonObject po = p.getAsJsonObject();
      if (!"query".equals(po.get("in").getAsString())
          || !po.has("required")
          || !po.get("required").getAsBoolean()) {
        continue;
      }
      String name = po.get("name").getAsString();
      JsonObject schema = po.getAsJsonObject("schema");
      String setter = Character.toLowerCase(name.charAt(0)) + name.substring(1);
      for (Method s : builder.getClass().getMethods()) {
        // the String setter; an enum parameter also has a typed one
        if (s.getName().equals(setter)
            && s.getParameterCount() == 1
            && !s.getParameterTypes()[0].isEnum()) {
          s.invoke(builder, sample(s.getParameterTypes()[0], schema));
        }
      }
    }
  }

  private static Object sample(Class<?> type, JsonObject schema) {
    String format = schema.has("format") ? schema.get("format").getAsString() : "";
    if (schema.has("enum")) {
      return schema.getAsJsonArray("enum").get(0).getAsString();
    }
    if (type == java.time.Instant.class) {
      return java.time.Instant.parse("2026-01-01T00:00:00Z");
    }
    if (type == int.class || type == long.class) {
      int v = schema.has("minimum") ? schema.get("minimum").getAsInt() : 1;
      return type == int.class ? (Object) v : (Object) (long) v;
    }
    if (type == double.class) {
      return 1.0;
    }
    if (type == boolean.class) {
      return true;
    }
    if (type == Integer.class) {
      return schema.has("minimum") ? schema.get("minimum").getAsInt() : 1;
    }
    if (type == Long.class) {
      return 1L;
    }
    if (type == java.math.BigDecimal.class) {
      return java.math.BigDecimal.ONE;
    }
    if (type == Boolean.class) {
      return true;
    }
    if (type == java.util.UUID.class) {
      return java.util.UUID.fromString(PATH_VALUE);
    }
    if (type == java.time.OffsetDateTime.class) {
      return java.time.OffsetDateTime.parse("2026-01-01T00:00:00Z");
    }
    if (format.equals("date-time")) {
      return "2026-01-01T00:00:00Z";
    }
    if (format.equals("date") || schema.toString().contains("YYYY-MM-DD")) {
      return "2026-01-01";
    }
    if (format.equals("uuid")) {
      return PATH_VALUE;
    }
    return "p1";
  }

  private static boolean hasMethod(Class<?> t, String name) {
    return Arrays.stream(t.getMethods()).anyMatch(x -> x.getName().equals(name));
  }

  private static boolean hasStatic(Class<?> t, String name) {
    try {
      return Modifier.isStatic(t.getMethod(name).getModifiers());
    } catch (NoSuchMethodException e) {
      return false;
    }
  }
}
