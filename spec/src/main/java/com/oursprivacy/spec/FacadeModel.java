package com.oursprivacy.spec;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.List;

/**
 * The resource facade as data: resources, their operations, and each operation's parameters, read
 * from the annotated spec by {@link FacadeModelReader} and turned into Java by {@link
 * ServiceWriter} and {@link ParamsWriter}. Nothing here knows Java syntax; nothing there reads
 * JSON.
 */
final class FacadeModel {
  private FacadeModel() {}

  static final String PKG = "com.oursprivacy.resources";
  static final String MODELS = "com.oursprivacy.models";

  /**
   * How a list operation pages, from {@code x-ours-pagination}; {@link #NONE} for other operations.
   */
  enum Paging {
    CURSOR,
    OFFSET,
    UNPAGED,
    NONE
  }

  /** The Java shape of one request field; decides the setter(s) a builder gets. */
  enum Kind {
    /** String, boxed number/boolean as a primitive setter, list of scalars. */
    VALUE,
    /** A spec {@code date-time}: {@code java.time.Instant}, sent as ISO-8601 UTC. */
    INSTANT,
    /** An open enum of the models package, plus a raw-string setter. */
    ENUM,
    /** A free-form JSON object: {@code Map<String, ?>}, plus per-key put/clear on PATCH/PUT. */
    MAP,
    /** A nested object: its immutable {@code …Input} class. */
    INPUT,
    /** A list of nested objects: {@code List<…Input>}. */
    INPUT_LIST
  }

  /** Whether an operation, its parameters or its body fields are deprecated in the spec. */
  static boolean usesDeprecated(Op op) {
    return op.deprecated() != null
        || op.pathParams().stream().anyMatch(f -> f.deprecated() != null)
        || (op.params() != null && usesDeprecated(op.params()));
  }

  /** Whether a request object has a deprecated field. */
  static boolean usesDeprecated(Shape shape) {
    return shape.query().stream().anyMatch(f -> f.deprecated() != null)
        || shape.body().stream().anyMatch(f -> f.deprecated() != null);
  }

  /** Everything the facade writer produces. */
  record Facade(List<Resource> resources, List<Shape> inputs) {}

  /** One {@code ours.<accessor>()} and its operations. */
  record Resource(String name, String accessor, ClassName service, List<Op> ops) {}

  /**
   * One operation.
   *
   * @param key {@code destinations.list} (the {@code x-stainless-method})
   * @param javaName the method name ({@code retrieve} becomes {@code get})
   * @param params the immutable request object, or null when the operation has neither a body nor
   *     query parameters
   * @param result the response type ({@code Destination}, {@code Boolean} …)
   * @param item for lists, the item type
   * @param itemsProperty for lists, the response property holding the items
   * @param pagination for cursor lists, the response's pagination type
   * @param offsetTotal for offset lists, whether the response carries {@code total}
   * @param stub the generated Retrofit method the operation is sent through
   * @param deprecated the spec's wording when the operation is {@code deprecated: true}, else null
   */
  record Op(
      String key,
      String httpMethod,
      String path,
      String javaName,
      String description,
      List<Field> pathParams,
      Shape params,
      TypeName result,
      Paging paging,
      TypeName item,
      String itemsProperty,
      TypeName pagination,
      boolean offsetTotal,
      Stub stub,
      String deprecated) {

    boolean deletesWithBoolean() {
      return "delete".equals(javaName) && TypeName.get(Boolean.class).equals(result);
    }

    boolean paged() {
      return paging == Paging.CURSOR || paging == Paging.OFFSET;
    }
  }

  /**
   * The generated Retrofit method of an operation, as openapi-generator names it: the interface
   * from the first tag ({@code Destinations} → {@code DestinationsApi}), the method from the {@code
   * operationId}, and the arguments in the generator's order (required ones first, the body last of
   * its group). The facade calls the method's {@code JsonElement}-body overload (the generated
   * client's {@code api.mustache}).
   */
  record Stub(ClassName api, String method, List<StubArg> args) {}

  /**
   * One argument of a {@link Stub} method.
   *
   * @param in {@code path}, {@code query}, {@code header} or {@code body}
   * @param name the parameter's spec name ({@code null} for the body)
   * @param type the generated parameter's type, as far as it differs from the facade's: {@code
   *     OffsetDateTime} for a {@code date-time}, {@code UUID} for a {@code uuid}, else null
   */
  record StubArg(String in, String name, TypeName type) {}

  /**
   * An immutable request object: the {@code …Params} of an operation (query fields and body fields)
   * or a nested body object ({@code …Input}).
   *
   * @param operation the operation key, for error messages ({@code destinations.create})
   * @param patchLike PATCH or PUT: fields are tri-state and maps take single keys
   * @param entity for PATCH, the model a {@code from(current)} round trip starts from, or null
   */
  record Shape(
      ClassName name,
      String operation,
      String summary,
      List<Field> query,
      List<Field> body,
      boolean hasBody,
      boolean patchLike,
      TypeName entity) {

    boolean anyRequired() {
      return query.stream().anyMatch(Field::required) || body.stream().anyMatch(Field::required);
    }
  }

  /**
   * One parameter or body field.
   *
   * @param json its JSON or query name
   * @param java the Java identifier for it
   * @param type the setter's parameter type
   * @param element for {@link Kind#INPUT_LIST}, the element's {@code …Input} type
   * @param deprecated the spec's wording when the field is {@code deprecated: true}, else null
   * @param values for a string query parameter with an inline {@code enum}, its values (the builder
   *     gets a typed setter beside the {@code String} one); otherwise empty
   */
  record Field(
      String json,
      String java,
      Kind kind,
      TypeName type,
      TypeName element,
      boolean required,
      boolean nullable,
      String description,
      String deprecated,
      List<String> values) {

    Field(
        String json,
        String java,
        Kind kind,
        TypeName type,
        TypeName element,
        boolean required,
        boolean nullable,
        String description,
        String deprecated) {
      this(json, java, kind, type, element, required, nullable, description, deprecated, List.of());
    }
  }
}
