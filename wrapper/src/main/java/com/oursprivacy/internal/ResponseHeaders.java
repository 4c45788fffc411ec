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
 * <p>Values pass the client's {@link Redactor} when read: credential headers ({@code Set-Cookie},
 * {@code Authorization} …) show as {@code [redacted]}, a {@code Location} loses its userinfo and
 * secret query values, and the client's own secrets are masked wherever they are echoed.
 *
 * <p><b>Internal, no compatibility guarantee.</b> Immutable and thread-safe.
 */
public final class ResponseHeaders extends AbstractMap<String, List<String>> {
  private static final Redactor NO_SECRETS = new Redactor(List.of());

  private final Headers headers;
  private final Redactor redactor;
  private volatile Map<String, List<String>> all;

  private ResponseHeaders(Headers headers, Redactor redactor) {
    this.headers = headers;
    this.redactor = redactor;
  }

  /** A redacted view of {@code headers} (credential headers masked; no client secrets known). */
  public static ResponseHeaders of(Headers headers) {
    return of(headers, NO_SECRETS);
  }

  static ResponseHeaders of(Headers headers, Redactor redactor) {
    return new ResponseHeaders(Objects.requireNonNull(headers, "headers == null"), redactor);
  }

  private List<String> redacted(String name, List<String> values) {
    String[] out = new String[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = redactor.header(name, values.get(i));
    }
    return List.of(out);
  }

  @Override
  public List<String> get(Object name) {
    if (!(name instanceof String)) {
      return null;
    }
    List<String> values = headers.values((String) name);
    return values.isEmpty() ? null : redacted((String) name, values);
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
        m.put(name.toLowerCase(Locale.ROOT), redacted(name, headers.values(name)));
      }
      a = Collections.unmodifiableMap(m);
      all = a;
    }
    return a;
  }
}
