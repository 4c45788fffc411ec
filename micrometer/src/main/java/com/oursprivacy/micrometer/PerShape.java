package com.oursprivacy.micrometer;

import com.oursprivacy.core.CallInfo;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * One value per call shape: API, operation, method and path template. A template is never a
 * concrete path, so there are no more shapes than operations an application calls, like the meters
 * themselves. Thread-safe; looking up a known shape allocates nothing.
 *
 * @param <T> the value kept per shape
 */
final class PerShape<T> {
  private final Function<CallInfo, T> make;
  private final Map<String, List<Slot<T>>> byOperation = new ConcurrentHashMap<>();

  /** {@code make} builds the value of a shape seen for the first time. */
  PerShape(Function<CallInfo, T> make) {
    this.make = make;
  }

  /** The value of {@code call}'s shape, made on first use. */
  T get(CallInfo call) {
    List<Slot<T>> variants =
        byOperation.computeIfAbsent(call.operation(), k -> new CopyOnWriteArrayList<>());
    for (Slot<T> s : variants) {
      if (s.matches(call)) {
        return s.value;
      }
    }
    synchronized (variants) {
      for (Slot<T> s : variants) {
        if (s.matches(call)) {
          return s.value;
        }
      }
      Slot<T> s = new Slot<>(call, make.apply(call));
      variants.add(s);
      return s.value;
    }
  }

  private static final class Slot<T> {
    private final CallInfo.Api api;
    private final String method;
    private final String template;
    private final T value;

    Slot(CallInfo call, T value) {
      this.api = call.api();
      this.method = call.method();
      this.template = call.pathTemplate();
      this.value = value;
    }

    boolean matches(CallInfo call) {
      return api == call.api()
          && method.equals(call.method())
          && template.equals(call.pathTemplate());
    }
  }
}
