package com.oursprivacy.testing;

import com.google.gson.JsonElement;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.DELETE;
import retrofit2.http.GET;
import retrofit2.http.PATCH;
import retrofit2.http.POST;
import retrofit2.http.PUT;
import retrofit2.http.Path;
import retrofit2.http.Query;

/**
 * Calls a generated Retrofit method by what it is (HTTP method and path) and its arguments by name,
 * never by the generated method's name or argument positions: a new optional query parameter or a
 * renamed {@code operationId} changes those, and hand-written code (tests included) must keep
 * compiling and passing when the spec changes additively.
 *
 * <pre>{@code
 * Call<Destination> c = LowLevel.call(ours.raw(DestinationsApi.class),
 *     "GET /rest/v1/destinations/{id}", "id", "dst_1");
 * }</pre>
 */
public final class LowLevel {
  private LowLevel() {}

  /**
   * The call of {@code operation} ({@code "PATCH /rest/v1/destinations/{id}"}) on a generated API
   * proxy, with {@code args} as name/value pairs: path and query parameters by their spec name, the
   * body as {@code "body"} (a {@link JsonElement} picks the raw-JSON overload). Parameters not
   * named are sent as null (absent).
   *
   * @param api a generated API interface's proxy ({@code ours.raw(DestinationsApi.class)})
   * @param operation HTTP method and spec path
   * @param args name, value, name, value …
   * @param <T> the response type
   * @return the Retrofit call, not yet executed
   * @throws IllegalArgumentException when the API has no such operation
   */
  @SuppressWarnings("unchecked")
  public static <T> Call<T> call(Object api, String operation, Object... args) {
    Map<String, Object> named = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      named.put((String) args[i], args[i + 1]);
    }
    Object body = named.get("body");
    Method m = find(api, operation, body);
    Object[] values = new Object[m.getParameterCount()];
    Annotation[][] annotations = m.getParameterAnnotations();
    for (int i = 0; i < values.length; i++) {
      for (Annotation a : annotations[i]) {
        if (a instanceof Path) {
          values[i] = named.get(((Path) a).value());
        } else if (a instanceof Query) {
          values[i] = named.get(((Query) a).value());
        } else if (a instanceof Body) {
          values[i] = body;
        }
      }
    }
    try {
      return (Call<T>) m.invoke(api, values);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private static Method find(Object api, String operation, Object body) {
    String[] mp = operation.split(" ", 2);
    String path = mp[1].replaceFirst("^/", "");
    List<Method> candidates = new ArrayList<>();
    for (Class<?> type : api.getClass().getInterfaces()) {
      for (Method m : type.getMethods()) {
        if (mp[0].equals(httpMethod(m)) && path.equals(path(m))) {
          candidates.add(m);
        }
      }
    }
    for (Method m : candidates) {
      if (body == null || bodyAccepts(m, body)) {
        return m;
      }
    }
    throw new IllegalArgumentException("no generated method for " + operation);
  }

  private static boolean bodyAccepts(Method m, Object body) {
    Annotation[][] annotations = m.getParameterAnnotations();
    for (int i = 0; i < annotations.length; i++) {
      for (Annotation a : annotations[i]) {
        if (a instanceof Body) {
          Class<?> t = m.getParameterTypes()[i];
          return t.isInstance(body) && (!(body instanceof JsonElement) || t == JsonElement.class);
        }
      }
    }
    return false;
  }

  private static String httpMethod(Method m) {
    if (m.isAnnotationPresent(GET.class)) {
      return "GET";
    } else if (m.isAnnotationPresent(POST.class)) {
      return "POST";
    } else if (m.isAnnotationPresent(PATCH.class)) {
      return "PATCH";
    } else if (m.isAnnotationPresent(PUT.class)) {
      return "PUT";
    } else if (m.isAnnotationPresent(DELETE.class)) {
      return "DELETE";
    }
    return null;
  }

  private static String path(Method m) {
    if (m.isAnnotationPresent(GET.class)) {
      return m.getAnnotation(GET.class).value();
    } else if (m.isAnnotationPresent(POST.class)) {
      return m.getAnnotation(POST.class).value();
    } else if (m.isAnnotationPresent(PATCH.class)) {
      return m.getAnnotation(PATCH.class).value();
    } else if (m.isAnnotationPresent(PUT.class)) {
      return m.getAnnotation(PUT.class).value();
    } else if (m.isAnnotationPresent(DELETE.class)) {
      return m.getAnnotation(DELETE.class).value();
    }
    return null;
  }
}
