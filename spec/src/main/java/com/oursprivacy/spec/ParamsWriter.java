package com.oursprivacy.spec;

import com.oursprivacy.spec.FacadeModel.Field;
import com.oursprivacy.spec.FacadeModel.Kind;
import com.oursprivacy.spec.FacadeModel.Shape;
import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * Writes one immutable request object: an operation's {@code …Params} (query parameters as typed
 * fields, body fields as the JSON the builder recorded) or a nested body object's {@code …Input}.
 * Body fields are tri-state through {@code PatchBuilder}: a setter sends the value, {@code
 * clearX()} (only where the spec says nullable) sends JSON {@code null}, an untouched field is
 * omitted. Fields the spec requires are checked in {@code build()}, before anything is sent.
 */
final class ParamsWriter {
  static final ClassName JSON_OBJECT = ClassName.get("com.google.gson", "JsonObject");
  static final ClassName PATCH_BUILDER = ClassName.get("com.oursprivacy.patch", "PatchBuilder");
  static final ClassName VALIDATION =
      ClassName.get("com.oursprivacy.errors", "OursValidationException");
  static final ClassName SUPPORT = ClassName.get("com.oursprivacy.internal", "FacadeSupport");
  static final AnnotationSpec NULLABLE =
      AnnotationSpec.builder(ClassName.get("org.jspecify.annotations", "Nullable")).build();

  private final Shape shape;
  private final ClassName builder;

  private ParamsWriter(Shape shape) {
    this.shape = shape;
    this.builder = shape.name().nestedClass("Builder");
  }

  static TypeSpec write(Shape shape) {
    return new ParamsWriter(shape).type();
  }

  private TypeSpec type() {
    ClassName self = shape.name();
    TypeSpec.Builder t = TypeSpec.classBuilder(self).addModifiers(Modifier.PUBLIC, Modifier.FINAL);
    t.addJavadoc(
        Docs.of(
            shape.summary() + ".",
            "",
            "<p>Immutable and thread-safe: build one with {@link #builder()}"
                + (shape.patchLike() && shape.entity() != null ? " or {@link #from}" : "")
                + ", derive a changed copy with {@link #toBuilder()}."
                + (shape.hasBody()
                    ? " Body fields have three states: set (the value is sent), cleared (JSON {@code null} is"
                        + " sent; only for fields the API marks nullable) and untouched (omitted"
                        + (shape.patchLike() ? ", so the server keeps its value)." : ").")
                    : "")));
    if (shape.hasBody()) {
      t.addField(
          FieldSpec.builder(setOfString(), "FIELDS", Modifier.STATIC, Modifier.FINAL)
              .initializer("$T.of($L)", Set.class, quoted(shape.body(), false))
              .build());
      t.addField(
          FieldSpec.builder(setOfString(), "NULLABLE", Modifier.STATIC, Modifier.FINAL)
              .initializer("$T.of($L)", Set.class, quoted(shape.body(), true))
              .build());
    }
    if (!shape.anyRequired()) {
      t.addField(
          FieldSpec.builder(self, "NONE", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
              .initializer("builder().build()")
              .build());
    }
    if (shape.hasBody()) {
      t.addField(JSON_OBJECT, "body", Modifier.PRIVATE, Modifier.FINAL);
    }
    for (Field q : shape.query()) {
      t.addField(nullable(q.type().box()), q.java(), Modifier.PRIVATE, Modifier.FINAL);
    }
    MethodSpec.Builder ctor =
        MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).addParameter(builder, "b");
    if (shape.hasBody()) {
      ctor.addStatement("this.body = b.toJson()");
    }
    for (Field q : shape.query()) {
      ctor.addStatement("this.$N = b.$N", q.java(), q.java());
    }
    t.addMethod(ctor.build());
    if (!shape.anyRequired()) {
      t.addMethod(
          MethodSpec.methodBuilder("none")
              .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
              .returns(self)
              .addJavadoc(
                  Docs.of(
                      "Nothing set: the server's defaults"
                          + (shape.hasBody() ? " and an empty body." : "."),
                      "",
                      "@return the empty request"))
              .addStatement("return NONE")
              .build());
    }
    t.addMethod(
        MethodSpec.methodBuilder("builder")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(builder)
            .addJavadoc(Docs.of("A builder with nothing set.", "", "@return a new builder"))
            .addStatement("return new Builder()")
            .build());
    if (shape.patchLike() && shape.entity() != null) {
      t.addMethod(
          MethodSpec.methodBuilder("from")
              .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
              .returns(builder)
              .addParameter(shape.entity(), "current")
              .addJavadoc(
                  Docs.of(
                      "Starts an update of {@code current} (typically just retrieved): only fields then set to",
                      "a value different from {@code current}'s, or cleared, are sent.",
                      "",
                      "@param current the entity as retrieved",
                      "@return a builder based on it",
                      nullThrows("current")))
              .addStatement(
                  "$T.requireNonNull(current, $S, $S)", SUPPORT, shape.operation(), "current")
              .addStatement("return new Builder().withBase($T.toJsonObject(current))", SUPPORT)
              .build());
    }
    MethodSpec.Builder toBuilder =
        MethodSpec.methodBuilder("toBuilder")
            .addModifiers(Modifier.PUBLIC)
            .returns(builder)
            .addJavadoc(
                Docs.of(
                    "A builder holding these values, to derive a changed copy.",
                    "",
                    "@return a new builder"))
            .addStatement("Builder b = new Builder()");
    if (shape.hasBody()) {
      toBuilder.addStatement("b.withBody(body)");
    }
    for (Field q : shape.query()) {
      toBuilder.addStatement("b.$N = $N", q.java(), q.java());
    }
    t.addMethod(toBuilder.addStatement("return b").build());
    for (Field q : shape.query()) {
      t.addMethod(
          MethodSpec.methodBuilder(q.java())
              .addModifiers(Modifier.PUBLIC)
              .returns(nullable(q.type().box()))
              .addJavadoc(
                  Docs.of(
                      "Query parameter {@code " + q.json() + "}" + describe(q) + ".",
                      "",
                      "@return the value, or null when not set"))
              .addStatement("return $N", q.java())
              .build());
    }
    if (shape.hasBody()) {
      t.addMethod(
          MethodSpec.methodBuilder("toJson")
              .addModifiers(Modifier.PUBLIC)
              .returns(JSON_OBJECT)
              .addJavadoc(
                  Docs.of(
                      "The JSON body this request sends: set fields with their values, cleared fields as",
                      "{@code null}, untouched fields absent.",
                      "",
                      "@return a copy of the body"))
              .addStatement("return body.deepCopy()")
              .build());
    }
    t.addMethod(equalsMethod());
    t.addMethod(hashCodeMethod());
    t.addMethod(toStringMethod());
    for (Field q : shape.query()) {
      if (!q.values().isEmpty()) {
        t.addType(queryEnum(q));
      }
    }
    t.addType(builderType());
    return Deprecations.suppress(t, FacadeModel.usesDeprecated(shape)).build();
  }

  /** The nested enum of a query parameter's values ({@code DestinationListParams.Status}). */
  private ClassName enumName(Field q) {
    return shape.name().nestedClass(Names.pascal(q.json()));
  }

  private TypeSpec queryEnum(Field q) {
    TypeSpec.Builder e =
        TypeSpec.enumBuilder(enumName(q))
            .addModifiers(Modifier.PUBLIC)
            .addJavadoc(
                Docs.of(
                    "The values the spec lists for query parameter {@code "
                        + q.json()
                        + "}; {@link Builder#"
                        + q.java()
                        + "(String)} sends any other."));
    List<String> used = new ArrayList<>();
    for (String v : q.values()) {
      String constant = constant(v);
      while (used.contains(constant)) {
        constant = constant + "_";
      }
      used.add(constant);
      e.addEnumConstant(
          constant,
          TypeSpec.anonymousClassBuilder("$S", v)
              .addJavadoc(Docs.of("{@code " + Docs.prose(v) + "}."))
              .build());
    }
    return e.addField(String.class, "value", Modifier.PRIVATE, Modifier.FINAL)
        .addMethod(
            MethodSpec.constructorBuilder()
                .addParameter(String.class, "value")
                .addStatement("this.value = value")
                .build())
        .addMethod(
            MethodSpec.methodBuilder("value")
                .addModifiers(Modifier.PUBLIC)
                .returns(String.class)
                .addJavadoc(Docs.of("The value as sent.", "", "@return the query value"))
                .addStatement("return value")
                .build())
        .addMethod(
            MethodSpec.methodBuilder("toString")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(String.class)
                .addJavadoc(Docs.of("The value as sent.", "", "@return the query value"))
                .addStatement("return value")
                .build())
        .build();
  }

  private MethodSpec enumQuerySetter(Field q) {
    return MethodSpec.methodBuilder(q.java())
        .addModifiers(Modifier.PUBLIC)
        .returns(builder)
        .addParameter(enumName(q), q.java())
        .addJavadoc(
            Docs.of(
                "Sets query parameter {@code "
                    + q.json()
                    + "} to one of the values the spec lists.",
                "",
                "@param "
                    + q.java()
                    + " the value (not null; {@code "
                    + q.java()
                    + "((String) null)}"
                    + " unsets it)",
                "@return this builder",
                nullThrows(q.java())))
        .addStatement(
            "this.$N = $T.requireNonNull($N, $S, $S).value()",
            q.java(),
            SUPPORT,
            q.java(),
            shape.operation(),
            q.json())
        .addStatement("return this")
        .build();
  }

  /** A Java constant for an enum value: {@code AWSEventBridge} → {@code AWS_EVENT_BRIDGE}. */
  static String constant(String value) {
    String s =
        value
            .replaceAll("([a-z0-9])([A-Z])", "$1_$2")
            .replaceAll("([A-Z]+)([A-Z][a-z])", "$1_$2")
            .replaceAll("[^A-Za-z0-9]+", "_")
            .replaceAll("^_+|_+$", "")
            .toUpperCase(java.util.Locale.ROOT);
    if (s.isEmpty() || !Character.isJavaIdentifierStart(s.charAt(0))) {
      s = "V_" + s;
    }
    return javax.lang.model.SourceVersion.isKeyword(s.toLowerCase(java.util.Locale.ROOT))
        ? s + "_"
        : s;
  }

  /** {@code type} with JSpecify's {@code @Nullable}, unless it is primitive. */
  private static TypeName nullable(TypeName type) {
    return type.isPrimitive() ? type : type.annotated(NULLABLE);
  }

  private MethodSpec equalsMethod() {
    CodeBlock.Builder cmp = CodeBlock.builder().add("return ");
    List<String> members = members();
    if (members.isEmpty()) {
      cmp.add("true");
    }
    for (int i = 0; i < members.size(); i++) {
      cmp.add(
          i == 0 ? "$T.equals($N, that.$N)" : "\n    && $T.equals($N, that.$N)",
          Objects.class,
          members.get(i),
          members.get(i));
    }
    return MethodSpec.methodBuilder("equals")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(TypeName.BOOLEAN)
        .addParameter(nullable(ClassName.OBJECT), "o")
        .beginControlFlow("if (this == o)")
        .addStatement("return true")
        .endControlFlow()
        .beginControlFlow("if (!(o instanceof $T))", shape.name())
        .addStatement("return false")
        .endControlFlow()
        .addStatement("$T that = ($T) o", shape.name(), shape.name())
        .addStatement(cmp.build())
        .build();
  }

  private MethodSpec hashCodeMethod() {
    return MethodSpec.methodBuilder("hashCode")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(TypeName.INT)
        .addStatement(
            "return $T.hash($L)",
            Objects.class,
            CodeBlock.join(members().stream().map(m -> CodeBlock.of("$N", m)).toList(), ", "))
        .build();
  }

  private List<String> members() {
    List<String> m = new ArrayList<>();
    if (shape.hasBody()) {
      m.add("body");
    }
    shape.query().forEach(q -> m.add(q.java()));
    return m;
  }

  /** Query values, and body field names only: a body field may hold a secret such as a salt. */
  private MethodSpec toStringMethod() {
    CodeBlock.Builder s = CodeBlock.builder().add("return $S", shape.name().simpleName() + "{");
    String sep = "";
    for (Field q : shape.query()) {
      s.add(" + $S + $N", sep + q.json() + "=", q.java());
      sep = ", ";
    }
    if (shape.hasBody()) {
      s.add(" + $S + body.keySet()", sep + "body=");
    }
    s.add(" + $S", "}");
    return MethodSpec.methodBuilder("toString")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(String.class)
        .addJavadoc(
            Docs.of(
                "Query values and the names of the body fields set or cleared, never body values.",
                "",
                "@return a description of this request"))
        .addStatement(s.build())
        .build();
  }

  private TypeSpec builderType() {
    TypeSpec.Builder b =
        TypeSpec.classBuilder(builder)
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc(
                Docs.of("Builds {@link " + shape.name().simpleName() + "}. Not thread-safe."));
    if (shape.hasBody()) {
      b.superclass(ParameterizedTypeName.get(PATCH_BUILDER, builder));
    }
    for (Field q : shape.query()) {
      b.addField(nullable(q.type().box()), q.java(), Modifier.PRIVATE);
    }
    MethodSpec.Builder ctor = MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE);
    if (shape.hasBody()) {
      ctor.addStatement("super($S, FIELDS, NULLABLE)", shape.operation());
    }
    b.addMethod(ctor.build());
    if (shape.hasBody()) {
      b.addMethod(
          MethodSpec.methodBuilder("self")
              .addAnnotation(Override.class)
              .addModifiers(Modifier.PROTECTED)
              .returns(builder)
              .addStatement("return this")
              .build());
      b.addMethod(
          MethodSpec.methodBuilder("withBody")
              .addModifiers(Modifier.PRIVATE)
              .returns(builder)
              .addParameter(JSON_OBJECT, "body")
              .addStatement("return restore(body)")
              .build());
      if (shape.patchLike() && shape.entity() != null) {
        b.addMethod(
            MethodSpec.methodBuilder("withBase")
                .addModifiers(Modifier.PRIVATE)
                .returns(builder)
                .addParameter(JSON_OBJECT, "current")
                .addStatement("return base(current)")
                .build());
      }
    }
    for (Field q : shape.query()) {
      b.addMethod(querySetter(q));
      if (!q.values().isEmpty()) {
        b.addMethod(enumQuerySetter(q));
      }
    }
    for (Field f : shape.body()) {
      bodySetters(b, f);
    }
    b.addMethod(buildMethod());
    return b.build();
  }

  private MethodSpec querySetter(Field q) {
    MethodSpec.Builder m =
        MethodSpec.methodBuilder(q.java())
            .addModifiers(Modifier.PUBLIC)
            .returns(builder)
            .addParameter(nullable(q.type()), q.java());
    boolean primitive = q.type().isPrimitive();
    m.addJavadoc(
        Docs.of(
            "Sets query parameter {@code "
                + q.json()
                + "}"
                + describe(q)
                + (primitive ? "." : "; null unsets it."),
            "",
            "@param " + q.java() + " the value" + (primitive ? "" : ", or null"),
            "@return this builder"));
    return Deprecations.mark(m, q.deprecated())
        .addStatement("this.$N = $N", q.java(), q.java())
        .addStatement("return this")
        .build();
  }

  private void bodySetters(TypeSpec.Builder b, Field f) {
    String doc = f.description() == null ? null : Docs.prose(f.description());
    String name = f.java();
    MethodSpec.Builder set =
        MethodSpec.methodBuilder(name)
            .addModifiers(Modifier.PUBLIC)
            .returns(builder)
            .addParameter(f.type(), name)
            .addJavadoc(
                Docs.of(
                    "Sets {@code " + f.json() + "}" + (f.required() ? " (required)." : "."),
                    doc == null ? null : "",
                    doc == null ? null : "<p>" + doc,
                    "",
                    "@param "
                        + name
                        + " the value"
                        + (f.type().isPrimitive()
                            ? ""
                            : " (not null"
                                + (f.nullable()
                                    ? "; {@code clear" + upper(name) + "()} sends null)"
                                    : ")")),
                    "@return this builder",
                    f.type().isPrimitive() ? null : nullThrows(name)));
    switch (f.kind()) {
      case INSTANT:
        set.addStatement(
                "$T.requireNonNull($N, $S, $S)", SUPPORT, name, shape.operation(), f.json())
            .addStatement("return set($S, $N.toString())", f.json(), name);
        break;
      case INPUT:
        set.addStatement(
                "$T.requireNonNull($N, $S, $S)", SUPPORT, name, shape.operation(), f.json())
            .addStatement("return set($S, $N.toJson())", f.json(), name);
        break;
      case INPUT_LIST:
        set.addStatement(
            "return set($S, $T.toJsonArray($S, $S, $N, $T::toJson))",
            f.json(),
            SUPPORT,
            shape.operation(),
            f.json(),
            name,
            f.element());
        break;
      default:
        set.addStatement("return set($S, $N)", f.json(), name);
    }
    b.addMethod(Deprecations.mark(set, f.deprecated()).build());
    if (f.kind() == Kind.ENUM) {
      b.addMethod(
          MethodSpec.methodBuilder(name)
              .addModifiers(Modifier.PUBLIC)
              .returns(builder)
              .addParameter(String.class, name)
              .addJavadoc(
                  Docs.of(
                      "Sets {@code "
                          + f.json()
                          + "} to a raw value, for values this SDK version does not know yet.",
                      "",
                      "@param " + name + " the raw value (not null)",
                      "@return this builder",
                      nullThrows(name)))
              .addStatement("return set($S, $N)", f.json(), name)
              .build());
    }
    if (f.kind() == Kind.MAP && shape.patchLike()) {
      String single = upper(FacadeModelReader.camel(Names.singularPascal(f.json())));
      b.addMethod(
          MethodSpec.methodBuilder("put" + single)
              .addModifiers(Modifier.PUBLIC)
              .returns(builder)
              .addParameter(String.class, "key")
              .addParameter(Object.class, "value")
              .addJavadoc(
                  Docs.of(
                      "Sets one key of {@code "
                          + f.json()
                          + "}; the keys you do not name keep their values.",
                      "",
                      "@param key the key",
                      "@param value its new value (not null; {@code clear"
                          + single
                          + "(key)} sends null)",
                      "@return this builder",
                      CodeBlock.of(
                          "@throws $T if {@code key} or {@code value} is null", VALIDATION)))
              .addStatement("return putEntry($S, key, value)", f.json())
              .build());
      b.addMethod(
          MethodSpec.methodBuilder("clear" + single)
              .addModifiers(Modifier.PUBLIC)
              .returns(builder)
              .addParameter(String.class, "key")
              .addJavadoc(
                  Docs.of(
                      "Clears one key of {@code "
                          + f.json()
                          + "} (sends {@code \"key\": null}); other keys keep",
                      "their values.",
                      "",
                      "@param key the key to clear",
                      "@return this builder",
                      nullThrows("key")))
              .addStatement("return clearEntry($S, key)", f.json())
              .build());
    }
    if (f.nullable()) {
      b.addMethod(
          MethodSpec.methodBuilder("clear" + upper(name))
              .addModifiers(Modifier.PUBLIC)
              .returns(builder)
              .addJavadoc(
                  Docs.of(
                      "Clears {@code " + f.json() + "}: sends JSON {@code null}.",
                      "",
                      "@return this builder"))
              .addStatement("return clear($S)", f.json())
              .build());
    }
  }

  private MethodSpec buildMethod() {
    List<String> required = new ArrayList<>();
    shape.query().stream().filter(Field::required).forEach(q -> required.add(q.json()));
    shape.body().stream().filter(Field::required).forEach(f -> required.add(f.json()));
    MethodSpec.Builder m =
        MethodSpec.methodBuilder("build")
            .addModifiers(Modifier.PUBLIC)
            .returns(shape.name())
            .addJavadoc(
                Docs.of(
                    "The immutable request.",
                    "",
                    "@return the request",
                    required.isEmpty()
                        ? null
                        : CodeBlock.of(
                            "@throws $T when a field the API requires ($L) is not set, before"
                                + " anything is sent",
                            VALIDATION,
                            String.join(", ", required))));
    for (Field q : shape.query()) {
      if (q.required()) {
        m.beginControlFlow("if ($N == null)", q.java())
            .addStatement(
                "throw new $T($S, $S)",
                VALIDATION,
                shape.operation() + "." + q.json(),
                "is required by the API; set it with " + q.java() + "(…)")
            .endControlFlow();
      }
    }
    if (shape.body().stream().anyMatch(Field::required)) {
      m.addStatement("$T json = toJson()", JSON_OBJECT);
      for (Field f : shape.body()) {
        if (f.required()) {
          m.addStatement(
              "$T.requireBodyField(json, $S, $S, $S)",
              SUPPORT,
              shape.operation(),
              f.json(),
              f.java());
        }
      }
    }
    return m.addStatement("return new $T(this)", shape.name()).build();
  }

  /** The {@code @throws} line of a setter that rejects null. */
  private static CodeBlock nullThrows(String param) {
    return CodeBlock.of("@throws $T if {@code $L} is null", VALIDATION, param);
  }

  private static String describe(Field f) {
    String d = Docs.prose(f.description());
    return d.isEmpty() ? "" : ": " + d;
  }

  private static String upper(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static TypeName setOfString() {
    return ParameterizedTypeName.get(ClassName.get(Set.class), ClassName.get(String.class));
  }

  private static CodeBlock quoted(List<Field> fields, boolean nullableOnly) {
    List<CodeBlock> names = new ArrayList<>();
    for (Field f : fields) {
      if (!nullableOnly || f.nullable()) {
        names.add(CodeBlock.of("$S", f.json()));
      }
    }
    return CodeBlock.join(names, ", ");
  }
}
