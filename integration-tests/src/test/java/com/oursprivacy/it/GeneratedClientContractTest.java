package com.oursprivacy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import retrofit2.http.DELETE;
import retrofit2.http.GET;
import retrofit2.http.HTTP;
import retrofit2.http.PATCH;
import retrofit2.http.POST;
import retrofit2.http.PUT;

/**
 * The generated client covers the spec the build was pointed at, and its public types carry the
 * normalizer's names, never the generator's fallbacks.
 */
class GeneratedClientContractTest {
  private static final Set<Class<? extends Annotation>> VERBS =
      Set.of(GET.class, POST.class, PUT.class, PATCH.class, DELETE.class, HTTP.class);

  private static JsonObject normalizedSpec(String name) throws IOException {
    return Specs.json(name + ".json");
  }

  private static Set<String> specOperations(JsonObject spec) {
    Set<String> ops = new TreeSet<>();
    for (Map.Entry<String, JsonElement> p : spec.getAsJsonObject("paths").entrySet()) {
      for (String method : p.getValue().getAsJsonObject().keySet()) {
        if (Set.of("get", "post", "put", "patch", "delete").contains(method)) {
          ops.add(method.toUpperCase(Locale.ROOT) + " " + p.getKey().replaceFirst("^/", ""));
        }
      }
    }
    return ops;
  }

  /**
   * Platform models are public API in {@code com.oursprivacy.models}; ingest models stay low level.
   */
  private static String modelPackage(String name) {
    return "platform".equals(name)
        ? "com.oursprivacy.models"
        : "com.oursprivacy.lowlevel.ingest.model";
  }

  private static Set<String> generatedOperations(String pkg) {
    Set<String> ops = new TreeSet<>();
    for (Class<?> api : GeneratedClasses.in(pkg + ".api")) {
      for (Method m : api.getDeclaredMethods()) {
        for (Annotation a : m.getAnnotations()) {
          if (a instanceof GET) ops.add("GET " + ((GET) a).value());
          if (a instanceof POST) ops.add("POST " + ((POST) a).value());
          if (a instanceof PUT) ops.add("PUT " + ((PUT) a).value());
          if (a instanceof PATCH) ops.add("PATCH " + ((PATCH) a).value());
          if (a instanceof DELETE) ops.add("DELETE " + ((DELETE) a).value());
          if (a instanceof HTTP) ops.add(((HTTP) a).method() + " " + ((HTTP) a).path());
        }
      }
    }
    return ops;
  }

  @ParameterizedTest
  @ValueSource(strings = {"platform", "ingest"})
  void everySpecOperationHasExactlyOneGeneratedMethod(String name) throws IOException {
    Set<String> expected = specOperations(normalizedSpec(name));
    Set<String> generated = generatedOperations("com.oursprivacy.lowlevel." + name);
    assertThat(generated).containsExactlyInAnyOrderElementsOf(expected);
    int methods = 0;
    int jsonOverloads = 0;
    for (Class<?> api : GeneratedClasses.in("com.oursprivacy.lowlevel." + name + ".api")) {
      for (Method m : api.getDeclaredMethods()) {
        for (Annotation a : m.getAnnotations()) {
          if (VERBS.contains(a.annotationType())) {
            if (List.of(m.getParameterTypes()).contains(JsonElement.class)) {
              // The api.mustache override's JSON-body twin of a method with a model body.
              assertThat(api.getMethods())
                  .as("the model-body twin of %s", m)
                  .anyMatch(t -> t.getName().equals(m.getName()) && !t.equals(m));
              jsonOverloads++;
            } else {
              methods++;
            }
          }
        }
      }
    }
    assertThat(methods).isEqualTo(expected.size());
    assertThat(jsonOverloads).isEqualTo(bodyOperations(normalizedSpec(name)));
  }

  private static int bodyOperations(JsonObject spec) {
    int n = 0;
    for (Map.Entry<String, JsonElement> path : spec.getAsJsonObject("paths").entrySet()) {
      for (Map.Entry<String, JsonElement> op : path.getValue().getAsJsonObject().entrySet()) {
        if (op.getValue().isJsonObject() && op.getValue().getAsJsonObject().has("requestBody")) {
          n++;
        }
      }
    }
    return n;
  }

  /**
   * Every generated model is named after a schema of the normalized spec, and every schema has its
   * model. The spec pipeline already refuses a schema name in the generator's fallback style
   * ({@code Normalizer.FORBIDDEN}, the one copy of that pattern), so a generator-invented class
   * such as {@code Foo200Response} or {@code BarInner} would show up here as a name the spec does
   * not have.
   */
  @ParameterizedTest
  @ValueSource(strings = {"platform", "ingest"})
  void noGeneratedModelCarriesAGeneratorStyleName(String name) throws IOException {
    List<Class<?>> models = GeneratedClasses.in(modelPackage(name));
    Set<String> schemas =
        normalizedSpec(name).getAsJsonObject("components").getAsJsonObject("schemas").keySet();
    assertThat(models)
        .extracting(Class::getSimpleName)
        .containsExactlyInAnyOrderElementsOf(schemas);
  }
}
