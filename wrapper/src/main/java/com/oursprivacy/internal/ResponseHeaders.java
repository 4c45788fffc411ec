package com.oursprivacy.internal;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import okhttp3.Headers;

/**
 * A response's headers as the unmodifiable, case-insensitive {@code Map} that {@code
 * RawResponse.headers()} promises, read from OkHttp's immutable {@link Headers} only when asked:
 * most calls never look at the headers (the facade's plain methods return the value alone), so the
 * map of lists is built on the first iteration, not per call. Lookups by name ({@code requestId()},
 * {@code rateLimit()}) read OkHttp's headers directly. Names iterate lower-cased, like OkHttp's
 * {@code toMultimap()}. {@code RawResponse} keeps an instance as is instead of copying it.
 *
 * <p><b>Internal, no compatibility guarantee.</b> Immutable and thread-safe.
 */
public final class ResponseHeaders extends AbstractMap<String, List<String>> {
  private final Headers headers;
  private volatile Map<String, List<String>> all;

  private ResponseHeaders(Headers headers) {
    this.headers = headers;
  }

  /** A view of {@code headers}. */
  public static ResponseHeaders of(Headers headers) {
    return new ResponseHeaders(Objects.requireNonNull(headers, "headers == null"));
  }

  @Override
  public List<String> get(Object name) {
    if (!(name instanceof String)) {
      return null;
    }
    List<String> values = headers.values((String) name);
    return values.isEmpty() ? null : values;
  }

  @Override
  public boolean containsKey(Object name) {
    return name instanceof String && headers.get((String) name) != null;
  }

  @Override
  public boolean isEmpty() {
    return headers.size() == 0;
  }

  @Override
  public int size() {
    return all().size();
  }

  @Override
  public Set<Entry<String, List<String>>> entrySet() {
    return all().entrySet();
  }

  private Map<String, List<String>> all() {
    Map<String, List<String>> a = all;
    if (a == null) {
      TreeMap<String, List<String>> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      for (String name : headers.names()) {
        m.put(name.toLowerCase(Locale.ROOT), List.copyOf(headers.values(name)));
      }
      a = Collections.unmodifiableMap(m);
      all = a;
    }
    return a;
  }
}
