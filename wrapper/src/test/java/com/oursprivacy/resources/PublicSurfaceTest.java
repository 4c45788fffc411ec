package com.oursprivacy.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.oursprivacy.OursPrivacy;
import com.oursprivacy.core.RawResponse;
import com.oursprivacy.pagination.AsyncPager;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The public surface reachable from {@link OursPrivacy}: walks every public method and constructor
 * of every SDK type it can reach (services, params, builders, inputs, pagers) and checks the 1.0
 * rules on their generic signatures.
 */
class PublicSurfaceTest {
  private static final Pattern SDK_TYPE = Pattern.compile("com\\.oursprivacy\\.[A-Za-z0-9_.$]+");

  /** Every SDK type reachable from OursPrivacy's public signatures, except the raw(..) hatch. */
  private static Set<Class<?>> reachable() {
    Set<Class<?>> seen = new LinkedHashSet<>();
    Deque<Class<?>> todo = new ArrayDeque<>(List.of(OursPrivacy.class));
    while (!todo.isEmpty()) {
      Class<?> c = todo.pop();
      if (!seen.add(c)) {
        continue;
      }
      for (Executable e : publicMembers(c)) {
        for (String name : typeNames(e)) {
          Class<?> t = load(name);
          if (t != null
              && t.getName().startsWith("com.oursprivacy.")
              && !t.getName().startsWith("com.oursprivacy.models.")
              && !t.getName().startsWith("com.oursprivacy.errors.")
              && !t.getName().startsWith("com.oursprivacy.internal.")
              && Modifier.isPublic(t.getModifiers())) {
            todo.add(t);
          }
        }
      }
      for (Class<?> nested : c.getClasses()) {
        todo.add(nested);
      }
    }
    return seen;
  }

  private static List<Executable> publicMembers(Class<?> c) {
    List<Executable> out = new ArrayList<>();
    for (Method m : c.getMethods()) {
      if (!m.getDeclaringClass().equals(Object.class)
          && !(c == OursPrivacy.class && m.getName().equals("raw"))) {
        out.add(m);
      }
    }
    out.addAll(Arrays.asList(c.getConstructors()));
    return out;
  }

  /** Every SDK class named in a member's generic parameter and return types. */
  private static Set<String> typeNames(Executable e) {
    StringBuilder sig = new StringBuilder();
    for (Type t : e.getGenericParameterTypes()) {
      sig.append(t.getTypeName()).append(' ');
    }
    if (e instanceof Method) {
      sig.append(((Method) e).getGenericReturnType().getTypeName());
    }
    Set<String> names = new LinkedHashSet<>();
    Matcher m = SDK_TYPE.matcher(sig);
    while (m.find()) {
      names.add(m.group());
    }
    return names;
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, false, PublicSurfaceTest.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      return null;
    }
  }

  /** A generated wire model with setters: mutable, so never a parameter of the facade. */
  private static boolean isMutableModel(Class<?> c) {
    return c.getName().startsWith("com.oursprivacy.models.")
        && Arrays.stream(c.getMethods())
            .anyMatch(m -> m.getName().startsWith("set") && m.getParameterCount() == 1);
  }

  @Test
  void noPublicSignatureMentionsALowLevelOrGeneratedPackageOrTakesAMutableModel() {
    List<String> violations = new ArrayList<>();
    Set<Class<?>> types = reachable();
    assertThat(types)
        .contains(
            com.oursprivacy.resources.DestinationService.class,
            com.oursprivacy.resources.DestinationCreateParams.Builder.class,
            AsyncPager.class);
    for (Class<?> c : types) {
      for (Executable e : publicMembers(c)) {
        for (String name : typeNames(e)) {
          if (name.contains(".lowlevel.") || name.contains(".generated.")) {
            violations.add(e + " mentions " + name);
          }
          // the services' constructor is how OursPrivacy builds them; ClientCore is internal
          boolean serviceConstructor =
              e instanceof Constructor && c.getSimpleName().endsWith("Service");
          if (name.contains(".internal.") && !serviceConstructor) {
            violations.add(e + " mentions internal type " + name);
          }
        }
        // XUpdateParams.from(current) only reads a retrieved entity (GET -> PATCH round trip);
        // requests themselves are never built from a mutable model
        boolean roundTrip =
            e instanceof Method
                && e.getName().equals("from")
                && Modifier.isStatic(e.getModifiers());
        for (Type p : roundTrip ? new Type[0] : e.getGenericParameterTypes()) {
          for (String name : typeNames(p)) {
            Class<?> t = load(name);
            if (t != null && isMutableModel(t)) {
              violations.add(e + " takes mutable model " + name);
            }
          }
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  private static Set<String> typeNames(Type t) {
    Set<String> names = new LinkedHashSet<>();
    Matcher m = SDK_TYPE.matcher(t.getTypeName());
    while (m.find()) {
      names.add(m.group());
    }
    return names;
  }

  @Test
  void everyOperationHasSyncAsyncAndRawResponseFormsSyncAndAsync() throws Exception {
    assertThat(FacadeIndex.OPERATIONS).hasSizeGreaterThan(100);
    List<String> missing = new ArrayList<>();
    for (List<String> row : FacadeIndex.OPERATIONS) {
      Class<?> service = OursPrivacy.class.getMethod(row.get(3)).getReturnType();
      Class<?> raw = service.getMethod("withRawResponse").getReturnType();
      String name = row.get(4);
      check(
          missing,
          row,
          service,
          name,
          t -> !CompletableFuture.class.equals(t) && !AsyncPager.class.equals(t));
      check(
          missing,
          row,
          service,
          name + "Async",
          t -> CompletableFuture.class.equals(t) || AsyncPager.class.equals(t));
      check(missing, row, raw, name, RawResponse.class::equals);
      check(missing, row, raw, name + "Async", t -> isFutureOfRaw(t));
    }
    assertThat(missing).isEmpty();
  }

  private static boolean isFutureOfRaw(Type t) {
    return t instanceof ParameterizedType
        && ((ParameterizedType) t).getRawType().equals(CompletableFuture.class)
        && ((ParameterizedType) t)
            .getActualTypeArguments()[0]
            .getTypeName()
            .startsWith(RawResponse.class.getName());
  }

  private static void check(
      List<String> missing,
      List<String> row,
      Class<?> owner,
      String name,
      java.util.function.Predicate<Type> returns) {
    List<Method> forms = new ArrayList<>();
    for (Method m : owner.getMethods()) {
      if (m.getName().equals(name)) {
        forms.add(m);
      }
    }
    if (forms.isEmpty()) {
      missing.add(row.get(0) + ": " + owner.getSimpleName() + "." + name + " missing");
    }
    for (Method m : forms) {
      Type r = m.getGenericReturnType();
      Type raw = r instanceof ParameterizedType ? ((ParameterizedType) r).getRawType() : r;
      if (!returns.test(raw) && !returns.test(r)) {
        missing.add(row.get(0) + ": " + m + " returns " + r);
      }
      List<Class<?>> params = Arrays.asList(m.getParameterTypes());
      if (!params.isEmpty()
          && !params.get(params.size() - 1).getSimpleName().equals("RequestOptions")
          && forms.stream().noneMatch(o -> o.getParameterCount() == m.getParameterCount() + 1)) {
        missing.add(row.get(0) + ": " + m + " has no RequestOptions overload");
      }
    }
  }

  @Test
  void theAccessorsAreOursPrivacysOwnPublicMethodsForReflectionToo() throws Exception {
    assertThat(OursPrivacy.class.getSuperclass().getSimpleName()).isEqualTo("ResourceAccessors");
    assertThat(Modifier.isPublic(OursPrivacy.class.getSuperclass().getModifiers())).isFalse();
    for (List<String> row : FacadeIndex.OPERATIONS) {
      assertThat(OursPrivacy.class.getMethod(row.get(3)).getDeclaringClass())
          .isEqualTo(OursPrivacy.class);
    }
    assertThat(Arrays.stream(OursPrivacy.class.getMethods()).map(Method::getName))
        .doesNotContain("core");
  }

  @Test
  void deleteReturnsAPrimitiveBooleanWhereTheApiAnswersOne() throws Exception {
    Method delete = DestinationService.class.getMethod("delete", String.class);
    assertThat(delete.getReturnType()).isEqualTo(boolean.class);
  }
}
