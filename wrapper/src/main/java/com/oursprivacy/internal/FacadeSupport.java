package com.oursprivacy.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.oursprivacy.core.RawResponse;
import com.oursprivacy.errors.OursInvalidResponseException;
import com.oursprivacy.errors.OursValidationException;
import com.oursprivacy.pagination.AsyncPager;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The few checks and conversions the generated facade ({@code com.oursprivacy.resources} and its
 * implementations in {@code com.oursprivacy.internal.resources}) shares. Not API: public only so
 * the generated packages can reach it.
 */
public final class FacadeSupport {
  private FacadeSupport() {}

  /**
   * A path parameter must be present, non-blank (a blank id would address the collection) and no
   * dot segment; the error names the operation's field ({@code destinations.retrieve.id}).
   */
  static void requirePathParam(String operation, String name, @Nullable String value) {
    String v = requireNonNull(value, operation, name);
    if (v.isBlank()) {
      throw new OursValidationException(operation + "." + name, "must not be blank");
    }
    PathGuard.check(operation + "." + name, v);
  }

  /**
   * An argument the facade does not accept as null: the error names the operation's field ({@code
   * destinations.create.params}), as the facade's other validation errors do, instead of a bare
   * {@code NullPointerException}.
   *
   * @param value the argument
   * @param operation the operation ({@code destinations.create}) or request object ({@code
   *     ExperimentStartRule}) it belongs to
   * @param name the argument's or field's name
   * @param <T> the argument's type
   * @return {@code value}
   * @throws OursValidationException naming {@code operation.name} when {@code value} is null
   */
  public static <T> T requireNonNull(@Nullable T value, String operation, String name) {
    if (value == null) {
      throw new OursValidationException(operation + "." + name, "must not be null");
    }
    return value;
  }

  /**
   * An async pager whose first fetch fails with {@code failure}: how an async list reports an
   * invalid argument without throwing.
   *
   * @param failure what went wrong
   * @param <T> the item type
   * @return the failed pager
   */
  public static <T> AsyncPager<T> failedPager(RuntimeException failure) {
    return AsyncPager.ofCursor(cursor -> CompletableFuture.failedFuture(failure));
  }

  /**
   * A body field the API requires must be set (and not null): the server would answer 400 anyway.
   */
  public static void requireBodyField(
      JsonObject body, String operation, String field, String setter) {
    JsonElement v = body.get(field);
    if (v == null || v.isJsonNull()) {
      throw new OursValidationException(
          operation + "." + field, "is required by the API; set it with " + setter + "(…)");
    }
  }

  /** A delete's boolean answer, unboxed; an answer without one is an invalid response. */
  public static boolean bool(RawResponse<Boolean> response, String operation) {
    Boolean value = response.value();
    if (value == null) {
      throw new OursInvalidResponseException(
          response.statusCode(), operation + ": the response had no boolean body", null);
    }
    return value;
  }

  /** The same response carrying a derived value (a page, a list of items). */
  public static <T, U> RawResponse<U> withValue(RawResponse<T> raw, U value) {
    return new RawResponse<>(raw.statusCode(), raw.headers(), value, raw.retries());
  }

  /** Where an offset pager starts: the params' offset, else 0. */
  public static long firstOffset(Number offset) {
    return offset == null ? 0L : offset.longValue();
  }

  /** A retrieved model as the JSON object a PATCH round trip diffs against. */
  public static JsonObject toJsonObject(Object model) {
    return SdkGson.get().toJsonTree(model).getAsJsonObject();
  }

  /**
   * A list of nested request objects as a JSON array; a null list or element is rejected naming
   * {@code operation.field} (or {@code operation.field[i]}).
   *
   * @param operation the operation or request object the field belongs to
   * @param field the field's name
   * @param values the list
   * @param toJson renders one element
   * @param <T> the element type
   * @return the array
   * @throws OursValidationException when the list or one of its elements is null
   */
  public static <T> JsonArray toJsonArray(
      String operation, String field, List<T> values, Function<T, JsonObject> toJson) {
    requireNonNull(values, operation, field);
    JsonArray out = new JsonArray();
    int i = 0;
    for (T v : values) {
      out.add(toJson.apply(requireNonNull(v, operation, field + "[" + i + "]")));
      i++;
    }
    return out;
  }

  /** A 2xx response without a body where the API promises one is an invalid response. */
  public static <T> T body(RawResponse<T> response, String operation) {
    T value = response.value();
    if (value == null) {
      throw new OursInvalidResponseException(
          response.statusCode(), operation + ": the response had no body", null);
    }
    return value;
  }

  /** The list a page or list response must carry; its absence is an invalid response. */
  public static <T> List<T> items(List<T> items, int status, String operation, String property) {
    if (items == null) {
      throw new OursInvalidResponseException(
          status, operation + ": the response has no '" + property + "' list", null);
    }
    return Collections.unmodifiableList(items);
  }

  /** A path argument, checked ({@link #requirePathParam}) before the stub encodes it. */
  public static String pathParam(String operation, String name, String value) {
    requirePathParam(operation, name, value);
    return value;
  }

  /** A {@code date-time} query value as the generated parameter's {@code OffsetDateTime}, UTC. */
  public static OffsetDateTime utc(Instant value) {
    return value == null ? null : value.atOffset(ZoneOffset.UTC);
  }

  /** A {@code uuid} query value as the generated parameter's {@code UUID}. */
  public static UUID uuid(String operation, String name, String value) {
    if (value == null) {
      return null;
    }
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw new OursValidationException(operation + "." + name, "must be a UUID");
    }
  }

  /** A JSON number field as a long, or null. */
  public static Long toLong(Number n) {
    return n == null ? null : n.longValue();
  }
}
