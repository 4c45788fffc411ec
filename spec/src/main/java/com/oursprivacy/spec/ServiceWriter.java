package com.oursprivacy.spec;

import com.oursprivacy.spec.FacadeModel.Field;
import com.oursprivacy.spec.FacadeModel.Kind;
import com.oursprivacy.spec.FacadeModel.Op;
import com.oursprivacy.spec.FacadeModel.Paging;
import com.oursprivacy.spec.FacadeModel.Resource;
import com.oursprivacy.spec.FacadeModel.StubArg;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import javax.lang.model.element.Modifier;

/**
 * Writes one resource's service as a public interface ({@code DestinationService}, with its nested
 * {@code WithRawResponse}) and its implementation in an internal package ({@code
 * DestinationServiceImpl}), so applications can mock or fake a service and no internal type shows
 * in a public signature. Per operation: the blocking method and its {@code …Async} twin, each with
 * and without {@code RequestOptions} (and without the params object when nothing in it is
 * required); the same set on {@code WithRawResponse}, returning {@code RawResponse}. Only the full
 * forms are abstract; the shorter ones are default methods. In the implementation the raw forms do
 * the work and the others unwrap. Lists return an {@code AutoPager} / {@code AsyncPager} (cursor or
 * offset) or a {@code List}. Asynchronous forms never throw: every failure, validation included,
 * completes the future exceptionally (or fails the pager's first fetch).
 */
final class ServiceWriter {
  static final ClassName CORE = ClassName.get("com.oursprivacy.internal", "ClientCore");
  static final ClassName OPTIONS = ClassName.get("com.oursprivacy.core", "RequestOptions");
  static final ClassName RAW = ClassName.get("com.oursprivacy.core", "RawResponse");
  static final ClassName AUTO_PAGER = ClassName.get("com.oursprivacy.pagination", "AutoPager");
  static final ClassName ASYNC_PAGER = ClassName.get("com.oursprivacy.pagination", "AsyncPager");
  static final ClassName PAGE = ClassName.get("com.oursprivacy.pagination", "Page");
  static final ClassName OURS = ClassName.get("com.oursprivacy", "OursPrivacy");
  static final ClassName FUTURE = ClassName.get(CompletableFuture.class);
  static final ClassName LIST = ClassName.get(List.class);
  static final ClassName SUPPORT = ParamsWriter.SUPPORT;

  /** Where the implementations live: not API, excluded from the compatibility check. */
  static final String IMPL_PKG = "com.oursprivacy.internal.resources";

  private final Resource resource;
  private final ClassName service;
  private final ClassName rawInterface;
  private final ClassName impl;
  private final ClassName rawImpl;

  private ServiceWriter(Resource resource) {
    this.resource = resource;
    this.service = resource.service();
    this.rawInterface = service.nestedClass("WithRawResponse");
    this.impl = implOf(service);
    this.rawImpl = impl.nestedClass("WithRawResponseImpl");
  }

  /** The generated implementation of a service interface. */
  static ClassName implOf(ClassName service) {
    return ClassName.get(IMPL_PKG, service.simpleName() + "Impl");
  }

  /** The public interface of {@code resource}'s service. */
  static TypeSpec writeInterface(Resource resource) {
    return new ServiceWriter(resource).interfaceType();
  }

  /** The implementation of {@code resource}'s service, in {@link #IMPL_PKG}. */
  static TypeSpec writeImpl(Resource resource) {
    return new ServiceWriter(resource).implType();
  }

  private TypeSpec interfaceType() {
    TypeSpec.Builder t =
        TypeSpec.interfaceBuilder(service)
            .addModifiers(Modifier.PUBLIC)
            .addJavadoc(
                Docs.of(
                    "The {@code "
                        + resource.name()
                        + ".*} operations, reached with {@code ours."
                        + resource.accessor()
                        + "()}. Thread-safe.",
                    "",
                    CodeBlock.of(
                        "<p>Each operation has a blocking form, an {@code …Async} form returning a"
                            + " {@link $T} (lists: an {@link $T}), and the same two on {@link"
                            + " #withRawResponse()} with the status, headers, request id and rate"
                            + " limit. Every failure is an {@link $T}: an {@link $T} before"
                            + " anything is sent when an argument is invalid, an {@link $T} subtype"
                            + " for an error status. Async forms never throw: they complete"
                            + " exceptionally with the same exceptions.",
                        FUTURE,
                        ASYNC_PAGER,
                        Docs.OURS_EXCEPTION,
                        Docs.VALIDATION,
                        Docs.API_EXCEPTION),
                    "",
                    CodeBlock.of(
                        "<p>An interface so that tests can mock or fake it; the SDK's own"
                            + " implementation comes from {@link $T#$L()}. Methods may be added in"
                            + " minor releases: implement it only in tests.",
                        OURS,
                        resource.accessor())))
            .addMethod(
                MethodSpec.methodBuilder("withRawResponse")
                    .addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
                    .returns(rawInterface)
                    .addJavadoc(
                        Docs.of(
                            CodeBlock.of(
                                "The same operations, returning the {@link $T} (status, headers,"
                                    + " request id, rate limit) with the value; lists return their"
                                    + " first page.",
                                RAW),
                            "",
                            "@return the raw-response view of this service"))
                    .build());
    TypeSpec.Builder raw =
        TypeSpec.interfaceBuilder(rawInterface)
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .addJavadoc(
                Docs.of(
                    CodeBlock.of(
                        "{@link $T} with every result wrapped in a {@link $T}. Thread-safe.",
                        service,
                        RAW)));
    for (Op op : resource.ops()) {
      new OpWriter(op).writeInterface(t, raw);
    }
    t.addType(raw.build());
    return t.build();
  }

  private TypeSpec implType() {
    TypeSpec.Builder t =
        TypeSpec.classBuilder(impl)
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addSuperinterface(service)
            .addJavadoc(
                Docs.of(
                    CodeBlock.of(
                        "The SDK's {@link $T}: sends each operation through the client's core."
                            + " Internal: not API, may change in any release.",
                        service)))
            .addField(rawImpl, "withRawResponse", Modifier.PRIVATE, Modifier.FINAL)
            .addMethod(
                MethodSpec.constructorBuilder()
                    .addModifiers(Modifier.PUBLIC)
                    .addParameter(CORE, "core")
                    .addJavadoc(
                        Docs.of(
                            CodeBlock.of(
                                "Created by {@link $T}; application code calls {@code ours.$L()}.",
                                OURS,
                                resource.accessor()),
                            "",
                            "@param core the client's HTTP stack"))
                    .addStatement(
                        "this.withRawResponse = new $T($T.requireNonNull(core, $S))",
                        rawImpl,
                        Objects.class,
                        "core == null")
                    .build())
            .addMethod(
                MethodSpec.methodBuilder("withRawResponse")
                    .addAnnotation(Override.class)
                    .addModifiers(Modifier.PUBLIC)
                    .returns(rawInterface)
                    .addStatement("return withRawResponse")
                    .build());
    TypeSpec.Builder raw =
        TypeSpec.classBuilder(rawImpl)
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .addSuperinterface(rawInterface)
            .addField(CORE, "core", Modifier.PRIVATE, Modifier.FINAL)
            .addMethod(
                MethodSpec.constructorBuilder()
                    .addParameter(CORE, "core")
                    .addStatement("this.core = core")
                    .build());
    for (Op op : resource.ops()) {
      new OpWriter(op).writeImpl(t, raw);
    }
    Deprecations.suppress(t, resource.ops().stream().anyMatch(FacadeModel::usesDeprecated));
    t.addType(raw.build());
    return t.build();
  }

  /** The methods of one operation. */
  private static final class OpWriter {
    private final Op op;
    private final List<ParameterSpec> args = new ArrayList<>();
    private final List<ParameterSpec> pathArgs = new ArrayList<>();

    OpWriter(Op op) {
      this.op = op;
      for (Field p : op.pathParams()) {
        ParameterSpec ps = ParameterSpec.builder(String.class, p.java()).build();
        pathArgs.add(ps);
        args.add(ps);
      }
      if (op.params() != null) {
        args.add(ParameterSpec.builder(op.params().name(), "params").build());
      }
    }

    /** What the blocking form returns. */
    TypeName syncType() {
      switch (op.paging()) {
        case CURSOR:
        case OFFSET:
          return ParameterizedTypeName.get(AUTO_PAGER, op.item());
        case UNPAGED:
          return ParameterizedTypeName.get(LIST, op.item());
        default:
          return op.deletesWithBoolean() ? TypeName.BOOLEAN : op.result();
      }
    }

    TypeName asyncType() {
      if (op.paged()) {
        return ParameterizedTypeName.get(ASYNC_PAGER, op.item());
      }
      return ParameterizedTypeName.get(FUTURE, syncType().box());
    }

    /**
     * The value a raw response carries: the result, a list's items, or a paged list's first page.
     */
    TypeName rawValue() {
      if (op.paged()) {
        return ParameterizedTypeName.get(PAGE, op.item());
      }
      return op.paging() == Paging.UNPAGED
          ? ParameterizedTypeName.get(LIST, op.item())
          : op.result();
    }

    TypeName rawType() {
      return ParameterizedTypeName.get(RAW, rawValue());
    }

    TypeName rawAsyncType() {
      return ParameterizedTypeName.get(FUTURE, rawType());
    }

    /** The operation's methods on the service interface and its raw view. */
    void writeInterface(TypeSpec.Builder service, TypeSpec.Builder raw) {
      String m = op.javaName();
      String a = m + "Async";
      service.addMethods(overloads(m, syncType(), false));
      service.addMethod(abstractFull(m, syncType()));
      service.addMethods(overloads(a, asyncType(), true));
      service.addMethod(abstractFull(a, asyncType()));
      raw.addMethods(overloads(m, rawType(), false));
      raw.addMethod(abstractFull(m, rawType()));
      raw.addMethods(overloads(a, rawAsyncType(), true));
      raw.addMethod(abstractFull(a, rawAsyncType()));
    }

    /** The operation's implementation: the service unwraps what the raw view returns. */
    void writeImpl(TypeSpec.Builder service, TypeSpec.Builder raw) {
      String m = op.javaName();
      String a = m + "Async";
      service.addMethod(implFull(m, syncType(), syncBody()));
      service.addMethod(implFull(a, asyncType(), neverThrows(asyncBody(), op.paged())));
      raw.addMethod(implFull(m, rawType(), rawBody(false)));
      raw.addMethod(implFull(a, rawAsyncType(), neverThrows(rawBody(true), false)));
      if (op.paged()) {
        raw.addMethod(pageFetch(false));
        raw.addMethod(pageFetch(true));
      }
      if (op.paging() != Paging.NONE) {
        raw.addMethod(pageOf());
      }
    }

    /**
     * An async body whose every failure, a validation error included, becomes a failed future (or a
     * pager whose first fetch fails) instead of an exception thrown at the caller.
     */
    private CodeBlock neverThrows(CodeBlock body, boolean pager) {
      return CodeBlock.builder()
          .beginControlFlow("try")
          .add(body)
          .nextControlFlow("catch ($T e)", RuntimeException.class)
          .addStatement(
              pager ? "return $T.failedPager(e)" : "return $T.failedFuture(e)",
              pager ? SUPPORT : FUTURE)
          .endControlFlow()
          .build();
    }

    /** The convenience forms: without options, and without params when none are required. */
    List<MethodSpec> overloads(String name, TypeName returns, boolean async) {
      List<MethodSpec> out = new ArrayList<>();
      List<CodeBlock> all = names(args);
      all.add(CodeBlock.of("$T.none()", OPTIONS));
      out.add(
          method(name, returns, args, false, async)
              .addModifiers(Modifier.DEFAULT)
              .addStatement("return $N($L)", name, CodeBlock.join(all, ", "))
              .build());
      if (op.params() != null && !op.params().anyRequired()) {
        List<CodeBlock> shortForm = names(pathArgs);
        shortForm.add(CodeBlock.of("$T.none()", op.params().name()));
        shortForm.add(CodeBlock.of("$T.none()", OPTIONS));
        out.add(
            method(name, returns, pathArgs, false, async)
                .addModifiers(Modifier.DEFAULT)
                .addStatement("return $N($L)", name, CodeBlock.join(shortForm, ", "))
                .build());
      }
      return out;
    }

    private List<CodeBlock> names(List<ParameterSpec> params) {
      List<CodeBlock> out = new ArrayList<>();
      params.forEach(p -> out.add(CodeBlock.of("$N", p)));
      return out;
    }

    private List<ParameterSpec> fullArgs() {
      List<ParameterSpec> all = new ArrayList<>(args);
      all.add(ParameterSpec.builder(OPTIONS, "options").build());
      return all;
    }

    MethodSpec abstractFull(String name, TypeName returns) {
      return method(name, returns, fullArgs(), true, name.endsWith("Async"))
          .addModifiers(Modifier.ABSTRACT)
          .build();
    }

    MethodSpec implFull(String name, TypeName returns, CodeBlock body) {
      return MethodSpec.methodBuilder(name)
          .addAnnotation(Override.class)
          .addModifiers(Modifier.PUBLIC)
          .returns(returns)
          .addParameters(fullArgs())
          .addCode(body)
          .build();
    }

    MethodSpec.Builder method(
        String name, TypeName returns, List<ParameterSpec> params, boolean options, boolean async) {
      MethodSpec.Builder b =
          MethodSpec.methodBuilder(name)
              .addModifiers(Modifier.PUBLIC)
              .returns(returns)
              .addParameters(params);
      List<Object> doc = new ArrayList<>();
      doc.add(Docs.sentence(op.description(), "Operation {@code " + op.key() + "}."));
      doc.add("");
      String never =
          op.paged()
              ? " Never throws: a failure, an invalid argument included, fails the pager's first"
                  + " fetch."
              : " Never blocks and never throws: the future completes on an HTTP thread, or"
                  + " exceptionally with any failure, an invalid argument included.";
      doc.add(
          CodeBlock.of(
              "<p>{@code $L $L} ({@code $L}).$L$L$L",
              op.httpMethod(),
              op.path(),
              op.key(),
              async ? never : "",
              op.paged() ? " Lazy: no request is sent until the first page is asked for." : "",
              !options ? CodeBlock.of(" Uses {@link $T#none()}.", OPTIONS) : ""));
      doc.add("");
      for (ParameterSpec p : params) {
        if (p.name().equals("params")) {
          doc.add(CodeBlock.of("@param params the request (see {@link $T})", op.params().name()));
        } else if (p.name().equals("options")) {
          doc.add("@param options per-request timeout, retries, headers and query parameters");
        } else {
          doc.add("@param " + p.name() + " path parameter {@code " + jsonName(p.name()) + "}");
        }
      }
      doc.add("@return " + returnsDoc(returns, async));
      if (!async) {
        doc.add(Docs.THROWS);
      }
      return Deprecations.mark(b.addJavadoc(Docs.of(doc.toArray())), op.deprecated());
    }

    private String jsonName(String java) {
      for (Field f : op.pathParams()) {
        if (f.java().equals(java)) {
          return f.json();
        }
      }
      return java;
    }

    private String returnsDoc(TypeName returns, boolean async) {
      String what;
      if (returns.toString().startsWith(RAW.canonicalName())
          || returns.toString().contains("RawResponse")) {
        what =
            op.paged()
                ? "the first page (from the params' cursor or offset) with the response's status and headers"
                : "the result with the response's status and headers";
      } else if (op.paged()) {
        what = async ? "a lazy asynchronous pager over every item" : "a lazy pager over every item";
      } else if (op.paging() == Paging.UNPAGED) {
        what = "the items";
      } else if (op.deletesWithBoolean()) {
        what = "whether the API reports the deletion";
      } else {
        what = "the result";
      }
      return async && !op.paged() ? "a future of " + what : what;
    }

    CodeBlock guards() {
      CodeBlock.Builder c = CodeBlock.builder();
      if (op.params() != null) {
        c.addStatement("$T.requireNonNull(params, $S, $S)", SUPPORT, op.key(), "params");
      }
      return c.addStatement("$T.requireNonNull(options, $S, $S)", SUPPORT, op.key(), "options")
          .build();
    }

    /** The arguments of the full form: path parameters, params, options. */
    CodeBlock argList() {
      List<CodeBlock> n = names(args);
      n.add(CodeBlock.of("options"));
      return CodeBlock.join(n, ", ");
    }

    CodeBlock syncBody() {
      CodeBlock.Builder c = CodeBlock.builder();
      String m = op.javaName();
      if (op.paging() == Paging.CURSOR) {
        c.add(guards());
        c.addStatement(
            "return $T.ofCursor(cursor -> withRawResponse.$NPage($L, cursor == null ? params.cursor() : cursor, options).value())",
            AUTO_PAGER,
            m,
            pathAndParams());
      } else if (op.paging() == Paging.OFFSET) {
        c.add(guards());
        c.addStatement(
            "return $T.ofOffset(offset -> withRawResponse.$NPage($L, offset, options).value(), $T.firstOffset(params.offset()))",
            AUTO_PAGER,
            m,
            pathAndParams(),
            SUPPORT);
      } else if (op.deletesWithBoolean()) {
        c.addStatement(
            "return $T.bool(withRawResponse.$N($L), $S)", SUPPORT, m, argList(), op.key());
      } else {
        c.addStatement("return withRawResponse.$N($L).value()", m, argList());
      }
      return c.build();
    }

    CodeBlock asyncBody() {
      CodeBlock.Builder c = CodeBlock.builder();
      String m = op.javaName();
      if (op.paging() == Paging.CURSOR) {
        c.add(guards());
        c.addStatement(
            "return $T.ofCursor(cursor -> withRawResponse.$NPageAsync($L, cursor == null ? params.cursor() : cursor, options)"
                + ".thenApply($T::value))",
            ASYNC_PAGER,
            m,
            pathAndParams(),
            RAW);
      } else if (op.paging() == Paging.OFFSET) {
        c.add(guards());
        c.addStatement(
            "return $T.ofOffset(offset -> withRawResponse.$NPageAsync($L, offset, options).thenApply($T::value), "
                + "$T.firstOffset(params.offset()))",
            ASYNC_PAGER,
            m,
            pathAndParams(),
            RAW,
            SUPPORT);
      } else {
        c.addStatement(
            "return withRawResponse.$NAsync($L).thenApply($T::value)", m, argList(), RAW);
      }
      return c.build();
    }

    /** Path arguments, then the params: the start of a page fetch's argument list. */
    CodeBlock pathAndParams() {
      List<CodeBlock> n = names(pathArgs);
      n.add(CodeBlock.of("params"));
      return CodeBlock.join(n, ", ");
    }

    CodeBlock rawBody(boolean async) {
      CodeBlock.Builder c = CodeBlock.builder();
      String m = op.javaName();
      if (op.paging() == Paging.CURSOR) {
        c.add(guards())
            .addStatement(
                "return $NPage$L($L, params.cursor(), options)",
                m,
                async ? "Async" : "",
                pathAndParams());
        return c.build();
      }
      if (op.paging() == Paging.OFFSET) {
        c.add(guards())
            .addStatement(
                "return $NPage$L($L, $T.firstOffset(params.offset()), options)",
                m,
                async ? "Async" : "",
                pathAndParams(),
                SUPPORT);
        return c.build();
      }
      c.add(guards());
      CodeBlock call = call(async, null, null);
      if (op.paging() == Paging.UNPAGED) {
        c.addStatement(
            "return $L$L",
            call,
            async
                ? CodeBlock.of(".thenApply(r -> $T.withValue(r, $NItems(r)))", SUPPORT, m)
                : CodeBlock.of(""));
        return async
            ? c.build()
            : CodeBlock.builder()
                .add(guards())
                .addStatement("$T r = $L", ParameterizedTypeName.get(RAW, op.result()), call)
                .addStatement("return $T.withValue(r, $NItems(r))", SUPPORT, m)
                .build();
      }
      return c.addStatement("return $L", call).build();
    }

    /**
     * {@code core.executeRaw[Async]("x.verb", core.api(XApi.class).method(args…), options)}: the
     * operation's name (for call listeners), the generated Retrofit method, its arguments in the
     * generator's order, the body as the request object's JSON (the method's {@code JsonElement}
     * overload) and, for a page, {@code pageArg} replaced by {@code pageValue}.
     */
    CodeBlock call(boolean async, String pageArg, String pageValue) {
      CodeBlock.Builder args = CodeBlock.builder();
      String sep = "";
      for (StubArg a : op.stub().args()) {
        args.add(sep).add(argument(a, pageArg, pageValue));
        sep = ", ";
      }
      return CodeBlock.of(
          "core.<$T>$L($S, core.api($T.class).$N($L), options)",
          op.result(),
          async ? "executeRawAsync" : "executeRaw",
          op.key(),
          op.stub().api(),
          op.stub().method(),
          args.build());
    }

    private CodeBlock argument(StubArg a, String pageArg, String pageValue) {
      switch (a.in()) {
        case "path":
          for (Field p : op.pathParams()) {
            if (p.json().equals(a.name())) {
              return CodeBlock.of(
                  "$T.pathParam($S, $S, $N)", SUPPORT, op.key(), p.json(), p.java());
            }
          }
          throw new IllegalStateException(op.key() + ": no path parameter " + a.name());
        case "query":
          if (a.name().equals(pageArg)) {
            return CodeBlock.of("$N", pageValue);
          }
          if (op.params() != null) {
            for (Field f : op.params().query()) {
              if (f.json().equals(a.name())) {
                return converted(a, f);
              }
            }
          }
          return CodeBlock.of("null");
        case "body":
          if (op.params() == null || !op.params().hasBody()) {
            throw new IllegalStateException(op.key() + ": a body the facade does not model");
          }
          return CodeBlock.of("params.toJson()");
        default:
          return CodeBlock.of("null");
      }
    }

    /** A query value as the generated parameter's type, where that differs from the facade's. */
    private CodeBlock converted(StubArg a, Field f) {
      if (a.type() == null) {
        return CodeBlock.of("params.$N()", f.java());
      }
      if (f.kind() == Kind.INSTANT && a.type().toString().equals("java.time.OffsetDateTime")) {
        return CodeBlock.of("$T.utc(params.$N())", SUPPORT, f.java());
      }
      if (a.type().toString().equals("java.util.UUID")
          && f.type().equals(ClassName.get(String.class))) {
        return CodeBlock.of("$T.uuid($S, $S, params.$N())", SUPPORT, op.key(), f.json(), f.java());
      }
      throw new IllegalStateException(
          op.key() + "." + f.json() + ": no conversion from " + f.type() + " to " + a.type());
    }

    /** The private fetch of one page at a given cursor or offset. */
    MethodSpec pageFetch(boolean async) {
      boolean cursor = op.paging() == Paging.CURSOR;
      String arg = cursor ? "cursor" : "offset";
      MethodSpec.Builder b =
          MethodSpec.methodBuilder(op.javaName() + "Page" + (async ? "Async" : ""))
              .addModifiers(Modifier.PRIVATE)
              .returns(async ? rawAsyncType() : rawType())
              .addParameters(args)
              .addParameter(cursor ? ClassName.get(String.class) : TypeName.LONG, arg)
              .addParameter(OPTIONS, "options");
      CodeBlock call = call(async, arg, arg);
      String pageArgs = cursor ? "r" : "r, offset";
      if (async) {
        return b.addStatement(
                "return $L.thenApply(r -> $T.withValue(r, $NItems($L)))",
                call,
                SUPPORT,
                op.javaName(),
                pageArgs)
            .build();
      }
      return b.addStatement("$T r = $L", ParameterizedTypeName.get(RAW, op.result()), call)
          .addStatement("return $T.withValue(r, $NItems($L))", SUPPORT, op.javaName(), pageArgs)
          .build();
    }

    /** Turns a list response into its page (or item list), rejecting a response without items. */
    MethodSpec pageOf() {
      String items = "get" + Names.pascal(op.itemsProperty());
      MethodSpec.Builder b =
          MethodSpec.methodBuilder(op.javaName() + "Items")
              .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
              .returns(rawValue())
              .addParameter(ParameterizedTypeName.get(RAW, op.result()), "response");
      if (op.paging() == Paging.OFFSET) {
        b.addParameter(TypeName.LONG, "offset");
      }
      b.addStatement("$T r = $T.body(response, $S)", op.result(), SUPPORT, op.key())
          .addStatement(
              "$T items = $T.items(r.$N(), response.statusCode(), $S, $S)",
              ParameterizedTypeName.get(LIST, op.item()),
              SUPPORT,
              items,
              op.key(),
              op.itemsProperty());
      if (op.paging() == Paging.CURSOR) {
        if (op.pagination() == null) {
          b.addStatement("return $T.cursor(items, null, false, r)", PAGE);
        } else {
          b.addStatement("$T p = r.getPagination()", op.pagination())
              .addStatement(
                  "return $T.cursor(items, p == null ? null : p.getNextCursor(), "
                      + "p != null && Boolean.TRUE.equals(p.getHasMore()), r)",
                  PAGE);
        }
      } else if (op.paging() == Paging.OFFSET) {
        b.addStatement(
            "return $T.offset(items, offset, Boolean.TRUE.equals(r.getHasMore()), $L, r)",
            PAGE,
            op.offsetTotal()
                ? CodeBlock.of("$T.toLong(r.getTotal())", SUPPORT)
                : CodeBlock.of("null"));
      } else {
        b.addStatement("return items");
      }
      return b.build();
    }
  }
}
