package com.oursprivacy.it;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.oursprivacy.OursPrivacy;
import com.oursprivacy.core.RequestOptions;
import com.oursprivacy.pagination.AutoPager;
import com.oursprivacy.resources.FacadeIndex;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every operation in the spec the build was pointed at is reachable from the facade: invoking
 * its facade method sends exactly that HTTP method to that path.
 */
@SpecCheckedWireMockTest
class FacadeCoverageTest {
  private static final String ANY_LIST_BODY =
      "{\"entities\":[],\"pagination\":{\"nextCursor\":null,\"hasMore\":false},\"items\":[],\"hasMore\":false,\"total\":0}";

  private static JsonObject spec() throws IOException {
    Path dir = Path.of(System.getProperty("ours.normalized.specs", "../spec/target/openapi"));
    return JsonParser.parseString(Files.readString(dir.resolve("platform.json"), StandardCharsets.UTF_8)).getAsJsonObject();
  }

  @Test
  void theIndexListsEverySpecOperationOnce() throws IOException {
    Set<String> inSpec = new TreeSet<>();
    for (Map.Entry<String, JsonElement> p : spec().getAsJsonObject("paths").entrySet()) {
      for (Map.Entry<String, JsonElement> m : p.getValue().getAsJsonObject().entrySet()) {
        inSpec.add(m.getKey().toUpperCase() + " " + p.getKey());
      }
    }
    Set<String> inIndex = new TreeSet<>();
    for (List<String> row : FacadeIndex.OPERATIONS) {
      assertThat(inIndex.add(row.get(1) + " " + row.get(2))).as("duplicate " + row).isTrue();
    }
    assertThat(inIndex).isEqualTo(inSpec);
  }

  @Test
  void everyOperationIsReachableThroughItsFacadeMethod(WireMockRuntimeInfo wm) throws Exception {
    JsonObject spec = spec();
    try (OursPrivacy ours = Clients.platform(wm)) {
      List<String> failures = new ArrayList<>();
      for (List<String> row : FacadeIndex.OPERATIONS) {
        wm.getWireMock().resetRequests();
        wm.getWireMock().resetMappings();
        String responseType = spec.getAsJsonObject("paths").getAsJsonObject(row.get(2))
            .getAsJsonObject(row.get(1).toLowerCase()).get("x-ours-response-type").getAsString();
        String body = "boolean".equals(responseType) ? "true" : ANY_LIST_BODY;
        wm.getWireMock().register(any(urlPathMatching(".*")).willReturn(okJson(body)));

        Object service = OursPrivacy.class.getMethod(row.get(3)).invoke(ours);
        Method m = simplest(service.getClass(), row.get(4));
        Object result = m.invoke(service, arguments(m));
        if (result instanceof AutoPager) {
          ((AutoPager<?>) result).firstPage();
        }

        List<LoggedRequest> sent = wm.getWireMock().find(anyRequestedFor(anyUrl()));
        String expectedPath = row.get(2).replaceAll("\\{[^}]+}", "p1");
        if (sent.size() != 1 || !sent.get(0).getMethod().getName().equals(row.get(1))
            || !sent.get(0).getUrl().split("\\?")[0].equals(expectedPath)) {
          failures.add(row.get(0) + " sent " + sent.size() + " requests, first: "
              + (sent.isEmpty() ? "none" : sent.get(0).getMethod() + " " + sent.get(0).getUrl()));
        }
      }
      assertThat(failures).isEmpty();
      assertThat(FacadeIndex.OPERATIONS).hasSize(spec.getAsJsonObject("paths").entrySet().stream()
          .mapToInt(e -> e.getValue().getAsJsonObject().size()).sum());
    }
  }

  /** The public overload of {@code name} with the fewest parameters (no async). */
  private static Method simplest(Class<?> c, String name) {
    return Arrays.stream(c.getMethods())
        .filter(m -> m.getName().equals(name) && Modifier.isPublic(m.getModifiers()))
        .min(Comparator.comparingInt(Method::getParameterCount))
        .orElseThrow(() -> new AssertionError(c.getSimpleName() + " has no method " + name));
  }

  private static Object[] arguments(Method m) throws ReflectiveOperationException {
    Class<?>[] types = m.getParameterTypes();
    Object[] args = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      Class<?> t = types[i];
      if (t == String.class) {
        args[i] = "p1";
      } else if (t == RequestOptions.class) {
        args[i] = RequestOptions.none();
      } else if (hasStatic(t, "none")) {
        args[i] = t.getMethod("none").invoke(null);
      } else if (hasStatic(t, "builder")) {
        Object b = t.getMethod("builder").invoke(null);
        args[i] = b.getClass().getMethod("build").invoke(b);
      } else {
        args[i] = t.getConstructor().newInstance();
      }
    }
    return args;
  }

  private static boolean hasStatic(Class<?> t, String name) {
    try {
      return Modifier.isStatic(t.getMethod(name).getModifiers());
    } catch (NoSuchMethodException e) {
      return false;
    }
  }
}
