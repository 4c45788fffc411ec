package com.oursprivacy.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.oursprivacy.OursPrivacy;
import com.oursprivacy.core.RawResponse;
import com.oursprivacy.lowlevel.platform.api.DestinationsApi;
import com.oursprivacy.models.Destination;
import com.oursprivacy.pagination.AsyncPager;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The public surface: every public type of the wrapper jar, generated facade included, shows no
 * internal type in a public or protected signature and lives in a {@code @NullMarked} package; and
 * every SDK type reachable from {@link OursPrivacy} (services, params, builders, inputs, pagers)
 * follows the 1.0 rules on its generic signatures.
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
          if (name.contains(".internal.")) {
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

  /**
   * Every class of the wrapper jar (hand-written and generated alike), found by listing the
   * directory or jar {@link OursPrivacy} was loaded from.
   */
  static List<Class<?>> jarClasses() throws IOException, URISyntaxException {
    return jarClasses(OursPrivacy.class);
  }

  /** Every class of the directory or jar {@code anchor} was loaded from. */
  private static List<Class<?>> jarClasses(Class<?> anchor) throws IOException, URISyntaxException {
    Path root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> names = new ArrayList<>();
    if (Files.isDirectory(root)) {
      try (Stream<Path> walk = Files.walk(root)) {
        walk.map(p -> root.relativize(p).toString().replace(File.separatorChar, '/'))
            .filter(n -> n.endsWith(".class"))
            .forEach(names::add);
      }
    } else {
      try (JarFile jar = new JarFile(root.toFile())) {
        jar.stream().map(JarEntry::getName).filter(n -> n.endsWith(".class")).forEach(names::add);
      }
    }
    List<Class<?>> out = new ArrayList<>();
    for (String n : names) {
      if (n.endsWith("module-info.class")) {
        continue;
      }
      Class<?> c = load(n.substring(0, n.length() - ".class".length()).replace('/', '.'));
      if (c != null) {
        out.add(c);
      }
    }
    return out;
  }

  /** Public, in a package that is not internal, and every enclosing class public too. */
  private static boolean isApi(Class<?> c) {
    if (c.getPackageName().contains(".internal") || c.isSynthetic() || c.isAnonymousClass()) {
      return false;
    }
    for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
      if (!Modifier.isPublic(k.getModifiers())) {
        return false;
      }
    }
    return true;
  }

  private static boolean visible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  @Test
  void noPublicTypeOfTheJarShowsAnInternalTypeInAnySignature() throws Exception {
    List<Class<?>> all = jarClasses();
    List<Class<?>> api = all.stream().filter(PublicSurfaceTest::isApi).collect(Collectors.toList());
    // the generated facade is in the jar: the services are interfaces, their classes internal
    assertThat(api).contains(DestinationService.class, DestinationCreateParams.Builder.class);
    assertThat(DestinationService.class.isInterface()).isTrue();
    assertThat(all)
        .anyMatch(
            c -> c.getName().equals("com.oursprivacy.internal.resources.DestinationServiceImpl"));
    List<String> violations = new ArrayList<>();
    for (Class<?> c : api) {
      List<Type> types = new ArrayList<>();
      List<String> where = new ArrayList<>();
      if (c.getGenericSuperclass() != null) {
        types.add(c.getGenericSuperclass());
        where.add(c.getName() + " extends");
      }
      for (Type i : c.getGenericInterfaces()) {
        types.add(i);
        where.add(c.getName() + " implements");
      }
      for (java.lang.reflect.Field f : c.getDeclaredFields()) {
        if (visible(f.getModifiers())) {
          types.add(f.getGenericType());
          where.add(c.getName() + "." + f.getName());
        }
      }
      List<Executable> members = new ArrayList<>(Arrays.asList(c.getDeclaredMethods()));
      members.addAll(Arrays.asList(c.getDeclaredConstructors()));
      for (Executable e : members) {
        if (!visible(e.getModifiers()) || e.isSynthetic()) {
          continue;
        }
        for (Type t : e.getGenericParameterTypes()) {
          types.add(t);
          where.add(e.toString());
        }
        for (Type t : e.getGenericExceptionTypes()) {
          types.add(t);
          where.add(e.toString());
        }
        if (e instanceof Method) {
          types.add(((Method) e).getGenericReturnType());
          where.add(e.toString());
        }
      }
      for (int i = 0; i < types.size(); i++) {
        for (String name : typeNames(types.get(i))) {
          if (name.contains(".internal.") || name.startsWith("com.oursprivacy.internal")) {
            violations.add(where.get(i) + " mentions " + name);
          }
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  @Test
  void everyPublicPackageOfTheJarIsNullMarked() throws Exception {
    Set<String> packages = publicPackages(jarClasses());
    assertThat(packages).contains("com.oursprivacy", "com.oursprivacy.resources");
    assertThat(unmarked(packages)).as("public packages without @NullMarked").isEmpty();
  }

  /**
   * The generated jar ({@code ours-generated-client}) too: the models and the Retrofit interfaces
   * {@code raw(..)} hands out, whose optional query parameters are {@code @Nullable}.
   */
  @Test
  void everyPublicPackageOfTheGeneratedJarIsNullMarked() throws Exception {
    Set<String> packages = publicPackages(jarClasses(Destination.class));
    assertThat(packages)
        .contains(
            "com.oursprivacy.models",
            "com.oursprivacy.lowlevel.platform.api",
            "com.oursprivacy.lowlevel.ingest.api");
    assertThat(unmarked(packages)).as("public packages without @NullMarked").isEmpty();

    Method list = null;
    for (Method m : DestinationsApi.class.getMethods()) {
      if (m.getName().equals("listDestinations")) {
        list = m;
      }
    }
    assertThat(list).as("DestinationsApi.listDestinations").isNotNull();
    for (java.lang.reflect.AnnotatedType p : list.getAnnotatedParameterTypes()) {
      // limit, cursor, status, type: all optional in the spec, so null is a value
      assertThat(p.isAnnotationPresent(Nullable.class)).as("%s", p.getType()).isTrue();
    }
  }

  private static Set<String> publicPackages(List<Class<?>> classes) {
    Set<String> packages = new TreeSet<>();
    for (Class<?> c : classes) {
      if (isApi(c)) {
        packages.add(c.getPackageName());
      }
    }
    return packages;
  }

  private static List<String> unmarked(Set<String> packages) {
    List<String> unmarked = new ArrayList<>();
    for (String p : packages) {
      Class<?> info = load(p + ".package-info");
      if (info == null || !info.isAnnotationPresent(NullMarked.class)) {
        unmarked.add(p);
      }
    }
    return unmarked;
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
