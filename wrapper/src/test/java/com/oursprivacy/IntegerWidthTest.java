package com.oursprivacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.oursprivacy.internal.JsonFields;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 10: every integer property of every schema of both normalized specs parses a value
 * above 2<sup>31</sup> (3,000,000,000) into its generated model, through the client's Gson.
 */
class IntegerWidthTest {
  private static final long BIG = 3_000_000_000L;

  @Test
  void everyIntegerFieldOfEveryModelHoldsAValueAbove2To31() throws Exception {
    List<String> checked = new ArrayList<>();
    try (OursPrivacy ours =
        OursPrivacy.builder().apiKey("k-123456").baseUrl("http://127.0.0.1:1").build()) {
      Gson gson = ours.core().gson();
      checked.addAll(check(gson, "platform", "com.oursprivacy.models"));
      checked.addAll(check(gson, "ingest", "com.oursprivacy.lowlevel.ingest.model"));
    }
    // The platform spec alone has 33 counter fields; far more integers exist in all.
    assertThat(checked)
        .hasSizeGreaterThan(33)
        .contains("ConsentAnalyticsListResponse.totalDispatches");
  }

  private static List<String> check(Gson gson, String spec, String pkg)
      throws IOException, ReflectiveOperationException {
    JsonObject root =
        JsonParser.parseString(
                Files.readString(Path.of("target", "normalized-specs", spec + ".json")))
            .getAsJsonObject();
    List<String> checked = new ArrayList<>();
    for (Map.Entry<String, JsonElement> schema :
        root.getAsJsonObject("components").getAsJsonObject("schemas").entrySet()) {
      JsonObject properties = schema.getValue().getAsJsonObject().getAsJsonObject("properties");
      if (properties == null) {
        continue;
      }
      Class<?> model = Class.forName(pkg + "." + schema.getKey());
      for (Map.Entry<String, JsonElement> p : properties.entrySet()) {
        JsonObject s = p.getValue().getAsJsonObject();
        boolean array = "array".equals(str(s, "type")) && s.has("items");
        JsonObject item = array ? s.getAsJsonObject("items") : s;
        if (!"integer".equals(str(item, "type"))) {
          continue;
        }
        String json = "{\"" + p.getKey() + "\":" + (array ? "[" + BIG + "]" : BIG) + "}";
        Object value = field(model, p.getKey()).get(gson.fromJson(json, model));
        Object parsed = array ? ((List<?>) value).get(0) : value;
        assertThat(parsed).as(schema.getKey() + "." + p.getKey()).isEqualTo(BIG);
        checked.add(schema.getKey() + "." + p.getKey());
      }
    }
    return checked;
  }

  private static Field field(Class<?> model, String jsonName) {
    Field f = JsonFields.of(model).get(jsonName);
    if (f == null) {
      throw new AssertionError(model.getSimpleName() + " has no field for " + jsonName);
    }
    f.setAccessible(true);
    return f;
  }

  private static String str(JsonObject o, String key) {
    JsonElement e = o.get(key);
    return e == null || !e.isJsonPrimitive() ? null : e.getAsString();
  }
}
