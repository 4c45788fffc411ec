package com.oursprivacy.spec;

import com.google.googlejavaformat.java.Formatter;
import com.google.googlejavaformat.java.FormatterException;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.oursprivacy.spec.FacadeModel.Facade;
import com.oursprivacy.spec.FacadeModel.Op;
import com.oursprivacy.spec.FacadeModel.Resource;
import com.oursprivacy.spec.FacadeModel.Shape;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;

/**
 * Writes the resource facade ({@code ours.destinations().list()} …) from the normalized, annotated
 * platform spec at build time, so a resource or operation added to the spec appears with its
 * params, pager and raw/async forms without a hand edit.
 *
 * <p>Two steps: {@link FacadeModelReader} reads the typed {@link FacadeModel} (resource →
 * operations → parameters) from the spec alone; {@link ServiceWriter} and {@link ParamsWriter} turn
 * it into JavaPoet specs. Output: per resource the public interface {@code XService} (with its
 * nested {@code WithRawResponse}) and its implementation {@code
 * com.oursprivacy.internal.resources.XServiceImpl}; per operation with a body or query an immutable
 * {@code XVerbParams}; per nested body object an {@code …Input}; the package-private accessor base
 * {@code com.oursprivacy.ResourceAccessors} that {@code OursPrivacy} extends; and the
 * package-private {@code FacadeIndex} the coverage tests walk.
 */
public final class FacadeWriter {
  static final ClassName ACCESSORS = ClassName.get("com.oursprivacy", "ResourceAccessors");
  static final ClassName INDEX = ClassName.get(FacadeModel.PKG, "FacadeIndex");

  private FacadeWriter() {}

  /**
   * Build entry point: {@code ours.facade.spec} (normalized platform.json) and {@code
   * ours.facade.out}.
   */
  public static void main(String[] args) throws IOException {
    Path specFile = Path.of(System.getProperty("ours.facade.spec"));
    Path out = Path.of(System.getProperty("ours.facade.out"));
    JsonObject spec =
        JsonParser.parseString(Files.readString(specFile, StandardCharsets.UTF_8))
            .getAsJsonObject();
    List<JavaFile> files = files(spec, specFile.getFileName().toString());
    emptyFolder(out);
    for (JavaFile f : files) {
      Path target =
          out.resolve(f.packageName().replace('.', '/')).resolve(f.typeSpec().name() + ".java");
      Files.createDirectories(target.getParent());
      Files.writeString(target, source(f), StandardCharsets.UTF_8);
    }
    int ops = FacadeModelReader.read(spec).resources().stream().mapToInt(r -> r.ops().size()).sum();
    System.out.println(
        "[ours-facade] " + ops + " operations, " + files.size() + " files written to " + out);
  }

  /**
   * Deletes what an earlier run wrote: a resource or params class the spec no longer has must not
   * survive in {@code target/} and fail (or silently join) the next compilation.
   */
  private static void emptyFolder(Path out) throws IOException {
    if (!Files.exists(out)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(out)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        if (!p.equals(out)) {
          Files.delete(p);
        }
      }
    }
  }

  /**
   * A generated file as written: JavaPoet's output formatted by google-java-format (Javadoc
   * wrapped, lines within 100 columns where the formatter can break them).
   */
  static String source(JavaFile file) {
    String text = file.toString();
    try {
      return new Formatter().formatSource(text);
    } catch (FormatterException e) {
      throw new IllegalStateException(
          file.packageName() + "." + file.typeSpec().name() + " is not valid Java: " + e, e);
    }
  }

  /** Every generated file of the facade for {@code spec} (named platform.json), in order. */
  static List<JavaFile> files(JsonObject spec) {
    return files(spec, "platform.json");
  }

  /**
   * Every generated file of the facade for {@code spec}, in a stable order, each headed by a
   * comment naming {@code specName} and this writer.
   */
  static List<JavaFile> files(JsonObject spec, String specName) {
    Facade facade = FacadeModelReader.read(spec);
    List<JavaFile> out = new ArrayList<>();
    for (Resource r : facade.resources()) {
      for (Op op : r.ops()) {
        if (op.params() != null) {
          out.add(file(specName, FacadeModel.PKG, ParamsWriter.write(op.params())));
        }
      }
      out.add(file(specName, FacadeModel.PKG, ServiceWriter.writeInterface(r)));
      out.add(file(specName, ServiceWriter.IMPL_PKG, ServiceWriter.writeImpl(r)));
    }
    for (Shape input : facade.inputs()) {
      out.add(file(specName, FacadeModel.PKG, ParamsWriter.write(input)));
    }
    out.add(file(specName, ACCESSORS.packageName(), accessors(facade)));
    out.add(file(specName, FacadeModel.PKG, index(facade)));
    return out;
  }

  private static JavaFile file(String specName, String pkg, TypeSpec type) {
    return JavaFile.builder(pkg, type)
        .addFileComment(
            "Generated from $L by $L — do not edit.", specName, FacadeWriter.class.getName())
        .skipJavaLangImports(true)
        .indent("  ")
        .build();
  }

  /**
   * The accessor methods {@code OursPrivacy} inherits; package-private, so not public API itself.
   */
  private static TypeSpec accessors(Facade facade) {
    TypeSpec.Builder t =
        TypeSpec.classBuilder(ACCESSORS)
            .addModifiers(Modifier.ABSTRACT)
            .addJavadoc(
                Docs.of(
                    "The platform API's resources, one accessor each ({@code ours.destinations()}), generated",
                    "from the spec. Package-private: its public methods are reached through {@link OursPrivacy}."))
            .addMethod(MethodSpec.constructorBuilder().build())
            .addMethod(
                MethodSpec.methodBuilder("core")
                    .addModifiers(Modifier.ABSTRACT)
                    .returns(ServiceWriter.CORE)
                    .addJavadoc(
                        Docs.of(
                            "The HTTP stack every service call goes through.",
                            "",
                            "@return the client's core"))
                    .build());
    for (Resource r : facade.resources()) {
      t.addField(
          FieldSpec.builder(r.service(), r.accessor(), Modifier.PRIVATE, Modifier.VOLATILE)
              .build());
      TreeSet<String> verbs = new TreeSet<>();
      r.ops().forEach(o -> verbs.add(o.javaName()));
      t.addMethod(
          MethodSpec.methodBuilder(r.accessor())
              .addModifiers(Modifier.PUBLIC)
              .returns(r.service())
              .addJavadoc(
                  Docs.of(
                      "Operations on "
                          + r.name().replace('_', ' ')
                          + ": "
                          + String.join(", ", verbs)
                          + ".",
                      "",
                      "@return the " + r.name() + " service, created on first use"))
              .addStatement("$T s = $N", r.service(), r.accessor())
              .beginControlFlow("if (s == null)")
              .beginControlFlow("synchronized (this)")
              .addStatement("s = $N", r.accessor())
              .beginControlFlow("if (s == null)")
              .addStatement("s = new $T(core())", ServiceWriter.implOf(r.service()))
              .addStatement("$N = s", r.accessor())
              .endControlFlow()
              .endControlFlow()
              .endControlFlow()
              .addStatement("return s")
              .build());
    }
    return t.build();
  }

  /** Every operation → its accessor and method, for the coverage and surface tests. */
  private static TypeSpec index(Facade facade) {
    CodeBlock.Builder rows = CodeBlock.builder().add("$T.of(\n", List.class).indent();
    List<CodeBlock> each = new ArrayList<>();
    for (Resource r : facade.resources()) {
      for (Op op : r.ops()) {
        each.add(
            CodeBlock.of(
                "$T.of($S, $S, $S, $S, $S)",
                List.class,
                op.key(),
                op.httpMethod(),
                op.path(),
                r.accessor(),
                op.javaName()));
      }
    }
    rows.add(CodeBlock.join(each, ",\n")).unindent().add(")");
    TypeName rowsType =
        ParameterizedTypeName.get(
            ClassName.get(List.class), ParameterizedTypeName.get(List.class, String.class));
    return TypeSpec.classBuilder(INDEX)
        .addModifiers(Modifier.FINAL)
        .addJavadoc(
            Docs.of(
                "Every platform operation and the facade method that reaches it. Package-private: for the",
                "SDK's own coverage tests, not API. Each entry: x-stainless-method, HTTP method, path, accessor on",
                "{@code OursPrivacy}, service method (also {@code …Async}, and both on {@code withRawResponse()})."))
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
        .addField(
            FieldSpec.builder(rowsType, "OPERATIONS", Modifier.STATIC, Modifier.FINAL)
                .initializer(rows.build())
                .build())
        .build();
  }
}
