package com.oursprivacy.internal;

import com.oursprivacy.errors.OursValidationException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.regex.Pattern;
import retrofit2.http.Path;

/**
 * Refuses path parameters that would change which resource a request addresses: {@code .} and
 * {@code ..}, percent-encoded ({@code %2e}, {@code %2E%2e}, doubly encoded {@code %252e}) or not,
 * alone or as a segment of a value holding {@code /}, {@code \}, {@code %2F} or {@code %5C}, and
 * with {@code ;parameters} after them ({@code ..;x}, which servlet containers resolve as {@code
 * ..}). Without this an id of {@code ..} turns {@code PATCH /rest/v1/destinations/..} into {@code
 * PATCH /rest/v1/}. Checked by {@link ClientCore} for every call, Retrofit-made or hand-built,
 * before anything is sent.
 */
final class PathGuard {
  private static final Pattern DOT_SEGMENT =
      Pattern.compile("(?:\\.|%2e){1,2}", Pattern.CASE_INSENSITIVE);
  // A backslash is a separator to servers that follow the WHATWG URL rules or Windows paths.
  private static final Pattern SLASH = Pattern.compile("/|\\\\|%2f|%5c", Pattern.CASE_INSENSITIVE);
  // Servlet containers drop ";params" from a segment before resolving dot segments: "..;x" is "..".
  private static final Pattern MATRIX_PARAMS =
      Pattern.compile("(?:;|%3b).*", Pattern.CASE_INSENSITIVE);

  private PathGuard() {}

  /**
   * The field name ({@code method.param}) of each {@code @Path} parameter of a Retrofit interface
   * method, null for other parameters: what {@link #checkArguments} needs, read once per method.
   */
  static String[] pathFields(Method method) {
    Annotation[][] annotations = method.getParameterAnnotations();
    String[] fields = new String[annotations.length];
    for (int i = 0; i < annotations.length; i++) {
      for (Annotation a : annotations[i]) {
        if (a instanceof Path) {
          fields[i] = method.getName() + "." + ((Path) a).value();
        }
      }
    }
    return fields;
  }

  /** Checks every {@code @Path} argument; {@code pathFields} comes from {@link #pathFields}. */
  static void checkArguments(String[] pathFields, Object[] args) {
    if (args == null) {
      return;
    }
    for (int i = 0; i < pathFields.length; i++) {
      String field = pathFields[i];
      if (field != null) {
        if (args[i] == null) {
          throw new OursValidationException(field, "path parameter is required, got null");
        }
        check(field, String.valueOf(args[i]));
      }
    }
  }

  /**
   * Checks one path parameter value.
   *
   * @throws OursValidationException naming {@code field} when it is blank or a dot segment
   */
  static void check(String field, String value) {
    if (value.isBlank()) {
      throw new OursValidationException(field, "path parameter must not be blank");
    }
    if (cannotHoldDotSegment(value)) {
      return;
    }
    for (String segment : SLASH.split(undoPercent25(value), -1)) {
      if (isDotSegment(segment)) {
        throw new OursValidationException(
            field,
            "path parameter must not be '.' or '..' (or a percent-encoded form of them): it would"
                + " address another resource");
      }
    }
  }

  /**
   * Checks an already-encoded relative path built by hand, segment by segment.
   *
   * @throws OursValidationException naming the segment's position
   */
  static void checkEncodedPath(String path) {
    if (cannotHoldDotSegment(path)) {
      return;
    }
    String[] segments = path.split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      if (SLASH.splitAsStream(undoPercent25(segments[i])).anyMatch(PathGuard::isDotSegment)) {
        throw new OursValidationException(
            "path",
            "segment "
                + (i + 1)
                + " of "
                + path
                + " is a '.' or '..' segment (a path parameter"
                + " must not be '.', '..' or a percent-encoded form of them)");
      }
    }
  }

  /**
   * True when {@code s} has neither {@code .} nor {@code %}: then no segment of it, decoded or not,
   * can be a dot segment, and the per-call splitting and regex work is skipped (the common case:
   * ids and literal paths).
   */
  private static boolean cannotHoldDotSegment(String s) {
    return s.indexOf('.') < 0 && s.indexOf('%') < 0;
  }

  /**
   * Whether {@code s}, after undoing up to three layers of {@code %25}, is {@code .} or {@code ..}.
   */
  static boolean isDotSegment(String s) {
    String decoded = undoPercent25(s);
    return DOT_SEGMENT.matcher(MATRIX_PARAMS.matcher(decoded).replaceFirst("")).matches();
  }

  /** {@code s} with up to three layers of {@code %25} (an encoded {@code %}) undone. */
  private static String undoPercent25(String s) {
    String t = s;
    for (int i = 0; i < 3 && t.toLowerCase(Locale.ROOT).contains("%25"); i++) {
      t = t.replaceAll("(?i)%25", "%");
    }
    return t;
  }
}
