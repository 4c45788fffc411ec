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
import com.google.gson.JsonParser;
import com.oursprivacy.OursPrivacy;
import com.oursprivacy.resources.FacadeIndexAccess;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Nested nulls reach the wire exactly as set, on every PATCH and PUT operation: for each setter of
 * its params that takes a nested {@code …Input} (or a list of them), every nullable field of that
 * input is cleared with {@code clearField(..)} ({@code clearX()} in typed code); for each free-form
 * map, a {@code null} value is put in the map passed to the setter. The body WireMock receives (and
 * the spec validator checks) must hold each of those {@code null}s. Before, the nested value went
 * through a Gson that drops nulls, so none of them were sent.
 */
@SpecCheckedWireMockTest
class FacadeNestedNullWireTest {

  @Test
  void everyPatchAndPutOperationSendsItsNestedClears(WireMockRuntimeInfo wm) throws Exception {
    JsonObject spec = FacadeCoverageTest.spec();
    JsonObject raw = FacadeCoverageTest.rawSpec();
    JsonObject schemas = spec.getAsJsonObject("components").getAsJsonObject("schemas");
    List<List<String>> ops = new ArrayList<>();
    for (List<String> row : FacadeIndexAccess.OPERATIONS) {
      if (Set.of("PATCH", "PUT").contains(row.get(1))) {
        ops.add(row);
        wm.getWireMock()
            .register(
                request(row.get(1), urlPathEqualTo(FacadeCoverageTest.concrete(row, raw)))
                    .willReturn(okJson(FacadeCoverageTest.ANY_LIST_BODY)));
      }
    }
    assertThat(ops).as("PATCH and PUT operations").hasSizeGreaterThan(20);

    Map<String, Integer> nullsPerOperation = new LinkedHashMap<>();
    List<String> failures = new ArrayList<>();
    try (OursPrivacy ours = Clients.platform(wm)) {
      int seen = 0;
      for (List<String> row : ops) {
        JsonObject op = FacadeWireRecordingTest.operation(spec, row);
        Method accessor = OursPrivacy.class.getMethod(row.get(3));
        Method full = fullest(accessor.getReturnType(), row.get(4));
        Map<String, Set<String>> expected = new HashMap<>();
        JsonObject bodySchema =
            op.has("x-ours-body-type")
                ? schemas.getAsJsonObject(op.get("x-ours-body-type").getAsString())
                : new JsonObject();
        Object[] args =
            FacadeCoverageTest.arguments(
                full,
                op,
                spec,
                FacadeCoverageTest.pathValues(
                    FacadeWireRecordingTest.operation(raw, row), row.get(2)),
                b -> clearNested(b, schemas, bodySchema, expected));
        full.invoke(accessor.invoke(ours), args);

        List<LoggedRequest> all = wm.getWireMock().find(anyRequestedFor(anyUrl()));
        assertThat(all.size() - seen).as(row.get(0) + ": requests sent").isEqualTo(1);
        LoggedRequest sent = all.get(seen);
        seen = all.size();
        JsonObject body =
            sent.getBodyAsString().isEmpty()
                ? new JsonObject()
                : JsonParser.parseString(sent.getBodyAsString()).getAsJsonObject();
        int nulls = 0;
        for (Map.Entry<String, Set<String>> e : expected.entrySet()) {
          JsonElement nested = body.get(e.getKey());
          if (nested != null && nested.isJsonArray()) {
            nested = nested.getAsJsonArray().get(0);
          }
          for (String key : e.getValue()) {
            if (nested == null
                || !nested.isJsonObject()
                || !nested.getAsJsonObject().has(key)
                || !nested.getAsJsonObject().get(key).isJsonNull()) {
              failures.add(
                  row.get(0) + ": " + e.getKey() + "." + key + " not sent as null in " + body);
            } else {
              nulls++;
            }
          }
        }
        nullsPerOperation.put(row.get(0), nulls);
      }
    }
    assertThat(failures).isEmpty();
    // the operations with nested objects or maps (14 when this test was written) all cleared some
    assertThat(nullsPerOperation.values().stream().filter(n -> n > 0).count())
        .as("operations with a nested clear: " + nullsPerOperation)
        .isGreaterThanOrEqualTo(10);
  }

  /** The full form of a service method: the overload with the most parameters. */
  private static Method fullest(Class<?> service, String name) {
    return Arrays.stream(service.getMethods())
        .filter(m -> m.getName().equals(name))
        .max(Comparator.comparingInt(Method::getParameterCount))
        .orElseThrow(() -> new AssertionError(service.getSimpleName() + " has no " + name));
  }

  /**
   * For each setter of {@code builder} taking a nested input (or a list of them) or a free-form
   * map, sets a value holding nulls and records in {@code expected} the keys that must arrive as
   * {@code null} under that field.
   */
  private static void clearNested(
      Object builder, JsonObject schemas, JsonObject bodySchema, Map<String, Set<String>> expected)
      throws ReflectiveOperationException {
    Map<String, Method> setters = new LinkedHashMap<>();
    for (Method m : builder.getClass().getMethods()) {
      if (m.getParameterCount() == 1 && m.getReturnType() == builder.getClass()) {
        setters.put(m.getName() + ":" + m.getParameterTypes()[0].getName(), m);
      }
    }
    Set<String> fields = bodyFields(builder.getClass());
    for (Method setter : setters.values()) {
      String field = jsonName(fields, setter.getName());
      if (field == null) {
        continue;
      }
      Class<?> type = setter.getParameterTypes()[0];
      Type generic = setter.getGenericParameterTypes()[0];
      if (type.getSimpleName().endsWith("Input")) {
        Object input = input(type, schemas, expected, field);
        if (input != null) {
          setter.invoke(builder, input);
        }
      } else if (type == List.class && elementType(generic).getSimpleName().endsWith("Input")) {
        Object input = input(elementType(generic), schemas, expected, field);
        if (input != null) {
          setter.invoke(builder, Collections.nCopies(minItems(bodySchema, field), input));
        }
      } else if (type == Map.class) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("clearedKey", null);
        map.put("keptKey", "v");
        setter.invoke(builder, map);
        expected.computeIfAbsent(field, k -> new TreeSet<>()).add("clearedKey");
      }
    }
  }

  /**
   * A nested input with its required fields set (from the spec's minimal sample) and every nullable
   * field cleared; null when it has no nullable field.
   */
  private static Object input(
      Class<?> type, JsonObject schemas, Map<String, Set<String>> expected, String field)
      throws ReflectiveOperationException {
    Set<String> nullable = staticSet(type, "NULLABLE");
    if (nullable.isEmpty()) {
      return null;
    }
    String schemaName = type.getSimpleName().substring(0, type.getSimpleName().length() - 5);
    JsonObject sample =
        SchemaSamples.minimal(schemas.getAsJsonObject(schemaName), schemas).getAsJsonObject();
    Object b = type.getMethod("builder").invoke(null);
    Method set = b.getClass().getMethod("setField", String.class, Object.class);
    Method clear = b.getClass().getMethod("clearField", String.class);
    for (String f : sample.keySet()) {
      if (!nullable.contains(f)) {
        set.invoke(b, f, sample.get(f));
      }
    }
    for (String f : nullable) {
      clear.invoke(b, f);
      expected.computeIfAbsent(field, k -> new TreeSet<>()).add(f);
    }
    return b.getClass().getMethod("build").invoke(b);
  }

  /** The {@code minItems} of a list property (at least 1). */
  private static int minItems(JsonObject bodySchema, String field) {
    JsonObject props = bodySchema.getAsJsonObject("properties");
    JsonObject p = props == null ? null : props.getAsJsonObject(field);
    return p != null && p.has("minItems") ? Math.max(1, p.get("minItems").getAsInt()) : 1;
  }

  private static Class<?> elementType(Type listType) {
    Type arg = ((ParameterizedType) listType).getActualTypeArguments()[0];
    return arg instanceof Class ? (Class<?>) arg : Object.class;
  }

  /** The body fields of the request a builder builds ({@code FIELDS} of its enclosing class). */
  private static Set<String> bodyFields(Class<?> builderType) throws ReflectiveOperationException {
    Class<?> request = builderType.getEnclosingClass();
    try {
      return staticSet(request, "FIELDS");
    } catch (NoSuchFieldException e) {
      return Set.of();
    }
  }

  @SuppressWarnings("unchecked")
  private static Set<String> staticSet(Class<?> type, String name)
      throws ReflectiveOperationException {
    Field f = type.getDeclaredField(name);
    f.setAccessible(true);
    return (Set<String>) f.get(null);
  }

  /** The JSON name of the field a setter sets, or null when it is not a body field setter. */
  private static String jsonName(Set<String> fields, String setter) {
    for (String f : fields) {
      String camel = FacadeNestedNullWireTest.camel(f);
      if (camel.equals(setter) || (camel + "Value").equals(setter)) {
        return f;
      }
    }
    return null;
  }

  private static String camel(String json) {
    StringBuilder sb = new StringBuilder();
    boolean upper = false;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c == '_' || c == '-' || c == ' ' || c == '.') {
        upper = sb.length() > 0;
      } else {
        sb.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return sb.length() == 0 ? json : sb.substring(0, 1).toLowerCase(Locale.ROOT) + sb.substring(1);
  }
}
