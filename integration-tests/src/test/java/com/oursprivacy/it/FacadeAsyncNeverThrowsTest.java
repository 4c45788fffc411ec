package com.oursprivacy.it;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.google.gson.JsonObject;
import com.oursprivacy.OursPrivacy;
import com.oursprivacy.errors.OursValidationException;
import com.oursprivacy.pagination.AsyncPager;
import com.oursprivacy.resources.FacadeIndexAccess;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every asynchronous form reports an invalid argument through its future, never by throwing at the
 * call: for every operation with a path parameter, the service's {@code …Async} form and the raw
 * {@code withRawResponse().…Async} form are called with {@code ..} as the first path value. Each
 * must return normally, with a future (or the pager's first page) already failed with an {@link
 * OursValidationException} that names the operation's field ({@code destinations.retrieve.id}), and
 * nothing may be sent.
 */
@SpecCheckedWireMockTest
class FacadeAsyncNeverThrowsTest {
  private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}]+)}");

  @Test
  void everyAsyncFormFailsItsFutureForABadPathValue(WireMockRuntimeInfo wm) throws Exception {
    JsonObject spec = FacadeCoverageTest.spec();
    List<String> failures = new ArrayList<>();
    int cases = 0;
    try (OursPrivacy ours = Clients.platform(wm)) {
      for (List<String> row : FacadeIndexAccess.OPERATIONS) {
        Matcher first = PATH_PARAM.matcher(row.get(2));
        if (!first.find()) {
          continue;
        }
        String field = row.get(0) + "." + first.group(1);
        JsonObject op = FacadeWireRecordingTest.operation(spec, row);
        List<String> pathValues = new ArrayList<>();
        pathValues.add("..");
        while (first.find()) {
          pathValues.add(SchemaSamples.UUID);
        }
        Method accessor = OursPrivacy.class.getMethod(row.get(3));
        Object service = accessor.invoke(ours);
        Method withRaw = accessor.getReturnType().getMethod("withRawResponse");
        Object[] targets = {service, withRaw.invoke(service)};
        Class<?>[] types = {accessor.getReturnType(), withRaw.getReturnType()};
        for (int i = 0; i < 2; i++) {
          cases++;
          Method async = fullest(types[i], row.get(4) + "Async");
          String form = types[i].getSimpleName() + "." + async.getName();
          Object result;
          try {
            result =
                async.invoke(targets[i], FacadeCoverageTest.arguments(async, op, spec, pathValues));
          } catch (InvocationTargetException e) {
            failures.add(form + " (" + row.get(0) + ") threw " + e.getCause());
            continue;
          }
          CompletableFuture<?> future =
              result instanceof AsyncPager
                  ? ((AsyncPager<?>) result).firstPage()
                  : (CompletableFuture<?>) result;
          if (!future.isCompletedExceptionally()) {
            failures.add(form + " (" + row.get(0) + "): the future did not fail at once");
            continue;
          }
          Throwable cause = cause(future);
          if (!(cause instanceof OursValidationException)
              || !cause.getMessage().startsWith(field + ":")) {
            failures.add(form + " (" + row.get(0) + ") failed with " + cause + ", not " + field);
          }
        }
      }
    }
    assertThat(failures).isEmpty();
    assertThat(cases).as("async forms checked").isGreaterThan(200);
    assertThat(wm.getWireMock().find(anyRequestedFor(anyUrl()))).isEmpty();
  }

  private static Throwable cause(CompletableFuture<?> future) {
    try {
      future.join();
      throw new AssertionError("not failed");
    } catch (CompletionException e) {
      return e.getCause();
    }
  }

  private static Method fullest(Class<?> type, String name) {
    return Arrays.stream(type.getMethods())
        .filter(m -> m.getName().equals(name))
        .max(Comparator.comparingInt(Method::getParameterCount))
        .orElseThrow(() -> new AssertionError(type.getSimpleName() + " has no " + name));
  }
}
