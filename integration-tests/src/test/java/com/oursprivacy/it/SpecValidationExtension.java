package com.oursprivacy.it;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.SimpleValidationReportFormat;
import com.atlassian.oai.validator.report.ValidationReport;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * WireMock 3 adapter for swagger-request-validator-core (whose own WireMock module targets WireMock
 * 2): after each test, every request in the WireMock journal is checked against the <em>raw</em>
 * pulled spec (not the SDK's normalized copy, so a normalizer mistake cannot hide a wire mistake).
 * Method, path, query, headers and body are checked; only the auth scheme is ignored, because the
 * key is a test value the validator cannot judge.
 *
 * <p>Identical requests (method, URL, content type, body) are validated once, which keeps the
 * thousands of requests of the malformed-response test cheap.
 */
final class SpecValidationExtension implements AfterEachCallback {
  static final String PLATFORM_PREFIX = "/rest/v1/";
  static final String INGEST_BASE_PATH = "/api/v1";

  private static volatile OpenApiInteractionValidator platform;
  private static volatile OpenApiInteractionValidator ingest;

  @Override
  public void afterEach(ExtensionContext context) {
    List<String> violations = violations(WireMock.getAllServeEvents());
    KnownSpecViolation known =
        context.getRequiredTestMethod().getAnnotation(KnownSpecViolation.class);
    if (known != null) {
      if (violations.stream().noneMatch(v -> v.contains(known.value()))) {
        throw new AssertionError(
            "expected a spec violation containing '"
                + known.value()
                + "' ("
                + known.reason()
                + "), but none occurred");
      }
      violations.removeIf(
          v ->
              v.lines()
                  .filter(l -> l.startsWith("[ERROR]"))
                  .allMatch(l -> l.contains(known.value())));
    }
    if (!violations.isEmpty()) {
      throw new AssertionError(
          violations.size() + " request(s) violate the spec:\n" + String.join("\n\n", violations));
    }
  }

  /** One entry per distinct offending request: the request line and the validator's report. */
  static List<String> violations(List<ServeEvent> events) {
    Set<String> seen = new LinkedHashSet<>();
    List<String> out = new ArrayList<>();
    for (ServeEvent e : events) {
      LoggedRequest r = e.getRequest();
      String key =
          r.getMethod()
              + " "
              + r.getUrl()
              + " "
              + r.getHeader("Content-Type")
              + "\n"
              + r.getBodyAsString();
      if (!seen.add(key)) {
        continue;
      }
      String problem = validate(r);
      if (problem != null) {
        out.add(r.getMethod() + " " + r.getUrl() + "\n" + problem);
      }
    }
    return out;
  }

  /** The validator's report for one recorded request, or null when it conforms. */
  static String validate(LoggedRequest r) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (HttpHeader h : r.getHeaders().all()) {
      headers.put(h.key(), h.values());
    }
    return validate(r.getMethod().getName(), r.getUrl(), headers, r.getBody());
  }

  /**
   * The validator's report for one request given by its parts ({@code url}: path and raw query), or
   * null when it conforms.
   */
  static String validate(
      String method, String url, Map<String, List<String>> headers, byte[] body) {
    URI uri = URI.create(url);
    String path = uri.getRawPath();
    OpenApiInteractionValidator validator;
    if (path.startsWith(PLATFORM_PREFIX)) {
      validator = platform();
    } else if (path.startsWith(INGEST_BASE_PATH + "/")) {
      validator = ingest();
    } else {
      return "the path belongs to neither spec (platform "
          + PLATFORM_PREFIX
          + "…, ingest "
          + INGEST_BASE_PATH
          + "/…)";
    }
    SimpleRequest.Builder b = new SimpleRequest.Builder(method, path);
    query(uri.getRawQuery()).forEach(b::withQueryParam);
    headers.forEach(b::withHeader);
    if (body != null && body.length > 0) {
      b.withBody(body);
    }
    ValidationReport report = validator.validateRequest(b.build());
    return report.hasErrors() ? SimpleValidationReportFormat.getInstance().apply(report) : null;
  }

  private static Map<String, List<String>> query(String raw) {
    Map<String, List<String>> q = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return q;
    }
    for (String pair : raw.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      q.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return q;
  }

  static OpenApiInteractionValidator platform() {
    if (platform == null) {
      synchronized (SpecValidationExtension.class) {
        if (platform == null) {
          platform = build("platform.source.json", null);
        }
      }
    }
    return platform;
  }

  static OpenApiInteractionValidator ingest() {
    if (ingest == null) {
      synchronized (SpecValidationExtension.class) {
        if (ingest == null) {
          ingest = build("ingest.source.json", INGEST_BASE_PATH);
        }
      }
    }
    return ingest;
  }

  private static OpenApiInteractionValidator build(String file, String basePath) {
    String spec;
    try {
      spec = Specs.text(file);
    } catch (IOException e) {
      throw new UncheckedIOException("raw spec " + file + " not readable", e);
    }
    OpenApiInteractionValidator.Builder b =
        OpenApiInteractionValidator.createForInlineApiSpecification(spec)
            .withLevelResolver(
                LevelResolver.create()
                    // The key is a test value; the scheme itself is asserted by the facade tests.
                    .withLevel("validation.request.security", ValidationReport.Level.IGNORE)
                    .build());
    if (basePath != null) {
      b.withBasePathOverride(basePath);
    }
    return b.build();
  }
}
