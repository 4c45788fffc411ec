package com.oursprivacy.spec;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Gives every inline object and string-enum schema a deterministic, readable name and moves it to
 * {@code components.schemas}, so the generator never invents a name.
 *
 * <p>The rules, applied per operation ({@code resource.verb} from {@code x-stainless-method}):
 *
 * <ul>
 *   <li>request body of {@code create}/{@code update}/{@code replace}: {@code
 *       DestinationCreateBody}/{@code …UpdateBody}/{@code …ReplaceBody}; of any other verb: {@code
 *       SourceTokensBody}. {@code …Params} belongs to the SDK's immutable request objects ({@code
 *       DestinationCreateParams.builder()}), so the mutable wire models never share a name with
 *       them; shapes nested in a body drop the {@code Body} ({@code DestinationCreateType}, not
 *       {@code DestinationCreateBodyType});
 *   <li>the result of {@code retrieve}/{@code create}/{@code update}/{@code replace} and the items
 *       of {@code list}'s {@code entities}: the resource's singular, {@code Destination}; the
 *       {@code list} envelope: {@code DestinationListResponse}; any other verb's result: {@code
 *       SourceTokensResponse};
 *   <li>error bodies: {@code ErrorBody};
 *   <li>nested objects and enums: parent name + singular property name ({@code
 *       ConsentSettingCategory}); map values add {@code Value}, arrays of arrays {@code Item}.
 * </ul>
 *
 * <p>Identical shapes (ignoring prose) share one class within a scope (the operation's tag: one per
 * resource in the platform spec), and API-wide for the two shapes every resource uses: {@code
 * ErrorBody} and the cursor {@code Pagination}. Sharing stops at the resource on purpose: names are
 * public API, and a class shared across resources would be renamed whenever a resource sharing its
 * shape is added to or removed from the spec. A nested shape that several resources of one scope
 * reach under the same property takes that property's name alone (ingest's {@code UserProperty}).
 * When a shape is reached under several names, rule names beat derived ones, the most frequent
 * wins, then the shortest, then the alphabetically first. A name already taken by another shape
 * falls back to the operation-qualified form ({@code ConsentSettingRetrieveResponse}).
 */
final class Normalizer {
  static final String REF_PREFIX = "#/components/schemas/";
  static final Pattern FORBIDDEN = Pattern.compile("\\d{3}Response|Inner$|AnyOf\\d*$|OneOf\\d*$");
  private static final Set<String> ENTITY_VERBS = Set.of("retrieve", "create", "update", "replace");

  /** One place where a schema that becomes a class is found. */
  private static final class Occurrence {
    JsonObject schema;
    Occurrence parent;
    String ruleName;
    String altName;
    String tail;
    String fixedName;

    /** Where it is, as the lock names it ({@code destinations.update body.status}), or null. */
    String path;

    /** Rule names such as {@code Destination} belong to one resource; {@code ErrorBody} to none. */
    boolean resourceScoped = true;

    /** The root of a request body ({@code DestinationCreateBody}). */
    boolean bodyRoot;

    boolean isEnum;
    String resource;
    String scope;
    int order;
    int depth;
    Group group;
  }

  /** The occurrences that share one shape, and so one class. */
  private static final class Group {
    final List<Occurrence> occurrences = new ArrayList<>();
    String name;
    int size;

    /** Whether a request body's root is in the group: nested names then drop {@code Body}. */
    boolean body;

    /** Shapes merged into this one to keep a locked name: the class is their union. */
    boolean merged;

    Occurrence first() {
      return occurrences.get(0);
    }
  }

  private final JsonObject spec;
  private final List<Occurrence> occurrences = new ArrayList<>();
  private final Map<String, Group> groups = new LinkedHashMap<>();
  private final Set<String> taken = new HashSet<>();
  private final Map<String, Group> claims = new HashMap<>();

  /** Lock path → the class name the SDK last generated there ({@code spec/spec.lock}). */
  private final Map<String, String> locked;

  /** A locked name → the group that keeps it. */
  private final Map<String, Group> sticky = new HashMap<>();

  /** A locked name → how many of its lock paths the keeping group holds. */
  private final Map<String, Integer> stickyVotes = new HashMap<>();

  private String currentScope;

  private Normalizer(JsonObject spec, Map<String, String> locked) {
    this.spec = spec;
    this.locked = locked;
  }

  /** Normalizes {@code spec} in place. */
  static void normalize(JsonObject spec) {
    normalize(spec, Map.of());
  }

  /**
   * Normalizes {@code spec} in place, keeping the class names of {@code locked} (lock path → name,
   * {@link SpecSummary#classes}) with the shapes they named: a name in the lock stays with its
   * schema as long as that schema exists. When an additive change splits a shape that one name
   * covered (an enum value added to responses only, a field added to one response), the parts are
   * merged back into one class under that name (enums: the union of values; response objects: the
   * union of properties), so no existing signature changes.
   */
  static void normalize(JsonObject spec, Map<String, String> locked) {
    new Normalizer(spec, locked).run();
  }

  private void run() {
    IntegerFormats.widen(spec);
    Compositions.simplifyAll(spec);
    JsonObject components = Json.obj(spec, "components");
    if (components == null) {
      components = new JsonObject();
      spec.add("components", components);
    }
    JsonObject schemas = Json.obj(components, "schemas");
    if (schemas == null) {
      schemas = new JsonObject();
      components.add("schemas", schemas);
    }
    for (Map.Entry<String, JsonElement> en : schemas.entrySet()) {
      taken.add(en.getKey());
      if (en.getValue().isJsonObject()) {
        Occurrence o = root(en.getValue().getAsJsonObject(), null, null, "components", null);
        o.fixedName = en.getKey();
        walkChildren(o.schema, o);
      }
    }
    for (Operation op : Operation.all(spec)) {
      collect(op);
    }
    group();
    keepLockedNames();
    claimRuleNames();
    name();
    hoist(schemas);
  }

  // ---- collection -------------------------------------------------------------------------

  private void collect(Operation op) {
    String ok = op.successStatus();
    currentScope = op.scope();
    String r = op.singular();
    String v = Names.pascal(op.verb);
    JsonObject body = op.requestSchema();
    if (body != null) {
      String rule = r + v + "Body";
      int before = occurrences.size();
      walkRoot(body, rule, rule, op.resource, false, op.key() + " body");
      if (occurrences.size() > before) {
        occurrences.get(before).bodyRoot = true;
      }
    }
    for (String status : op.statuses()) {
      JsonObject s = op.responseSchema(status);
      if (s == null) {
        continue;
      }
      if (!status.startsWith("2")) {
        int before = occurrences.size();
        walkRoot(s, "ErrorBody", r + v + statusWord(status) + "Error", op.resource, false, null);
        if (occurrences.size() > before) {
          occurrences.get(before).resourceScoped = false;
        }
      } else {
        String path = status.equals(ok) ? op.key() + " response" : null;
        if (op.verb.equals("list")) {
          walkRoot(s, r + "ListResponse", r + "ListResponse", op.resource, true, path);
        } else if (ENTITY_VERBS.contains(op.verb)) {
          walkRoot(s, r, r + v + "Response", op.resource, false, path);
        } else {
          walkRoot(s, r + v + "Response", r + v + "Response", op.resource, false, path);
        }
      }
    }
  }

  /** {@code 413} becomes {@code PayloadTooLarge}: error classes named for people, not numbers. */
  static String statusWord(String status) {
    switch (status) {
      case "400":
        return "BadRequest";
      case "401":
        return "Unauthorized";
      case "403":
        return "Forbidden";
      case "404":
        return "NotFound";
      case "405":
        return "MethodNotAllowed";
      case "409":
        return "Conflict";
      case "413":
        return "PayloadTooLarge";
      case "415":
        return "UnsupportedMediaType";
      case "422":
        return "Unprocessable";
      case "429":
        return "RateLimited";
      case "500":
        return "Server";
      case "502":
        return "BadGateway";
      case "503":
        return "Unavailable";
      default:
        return status.startsWith("4") ? "ClientError" : "Failure";
    }
  }

  // "ps == entities": the very node, not an equal one elsewhere in the schema.
  @SuppressWarnings("ReferenceEquality")
  private void walkRoot(
      JsonObject s, String rule, String alt, String resource, boolean list, String path) {
    if (s.has("$ref")) {
      return;
    }
    if (Json.isObjectNode(s)) {
      Occurrence o = root(s, rule, alt, resource, path);
      if (list) {
        JsonObject entities = Json.obj(Json.obj(s, "properties"), "entities");
        JsonObject items = Json.obj(entities, "items");
        String single = rule.substring(0, rule.length() - "ListResponse".length());
        for (Map.Entry<String, JsonElement> p : Json.obj(s, "properties").entrySet()) {
          if (!p.getValue().isJsonObject()) {
            continue;
          }
          JsonObject ps = p.getValue().getAsJsonObject();
          if (p.getKey().equals("pagination") && Json.isObjectNode(ps)) {
            Occurrence page =
                root(ps, "Pagination", single + "Pagination", resource, sub(path, ".pagination"));
            page.parent = o;
            page.depth = 1;
            page.resourceScoped = false;
            walkChildren(ps, page);
          } else if (ps == entities && items != null && Json.isObjectNode(items)) {
            Occurrence item =
                root(items, single, single + "ListItem", resource, sub(path, ".entities[]"));
            item.parent = o;
            item.depth = 1;
            walkChildren(items, item);
          } else {
            walk(ps, o, Names.singularPascal(p.getKey()), sub(path, "." + p.getKey()));
          }
        }
        walkExtra(s, o);
      } else {
        walkChildren(s, o);
      }
    } else if (Json.isStringEnum(s)) {
      Occurrence o = root(s, rule, alt, resource, path);
      o.isEnum = true;
    } else if (Json.obj(s, "items") != null) {
      walkRoot(Json.obj(s, "items"), rule + "Item", alt + "Item", resource, false, sub(path, "[]"));
    } else if (Json.obj(s, "additionalProperties") != null) {
      walkRoot(
          Json.obj(s, "additionalProperties"),
          rule + "Value",
          alt + "Value",
          resource,
          false,
          sub(path, ".{}"));
    }
  }

  private static String sub(String path, String tail) {
    return path == null ? null : path + tail;
  }

  private Occurrence root(JsonObject s, String rule, String alt, String resource, String path) {
    Occurrence o = new Occurrence();
    o.path = path;
    o.scope = currentScope == null ? resource : currentScope;
    o.schema = s;
    o.ruleName = rule;
    o.altName = alt;
    o.resource = resource;
    o.order = occurrences.size();
    occurrences.add(o);
    return o;
  }

  private void walkChildren(JsonObject s, Occurrence owner) {
    JsonObject props = Json.obj(s, "properties");
    if (props != null) {
      for (Map.Entry<String, JsonElement> p : props.entrySet()) {
        if (p.getValue().isJsonObject()) {
          walk(
              p.getValue().getAsJsonObject(),
              owner,
              Names.singularPascal(p.getKey()),
              sub(owner.path, "." + p.getKey()));
        }
      }
    }
    walkExtra(s, owner);
  }

  private void walkExtra(JsonObject s, Occurrence owner) {
    JsonObject ap = Json.obj(s, "additionalProperties");
    if (ap != null) {
      walk(ap, owner, "Value", sub(owner.path, ".{}"));
    }
  }

  private void walk(JsonObject s, Occurrence parent, String tail, String path) {
    if (s.has("$ref")) {
      return;
    }
    if (Json.isObjectNode(s)) {
      Occurrence o = nested(s, parent, tail, path);
      walkChildren(s, o);
    } else if (Json.isStringEnum(s)) {
      nested(s, parent, tail, path).isEnum = true;
    } else if (Json.obj(s, "items") != null) {
      JsonObject items = Json.obj(s, "items");
      walk(items, parent, Json.obj(items, "items") != null ? tail + "Item" : tail, sub(path, "[]"));
    } else if (Json.obj(s, "additionalProperties") != null) {
      walk(Json.obj(s, "additionalProperties"), parent, tail + "Value", sub(path, ".{}"));
    }
  }

  private Occurrence nested(JsonObject s, Occurrence parent, String tail, String path) {
    Occurrence o = new Occurrence();
    o.path = path;
    o.schema = s;
    o.parent = parent;
    o.tail = tail;
    o.resource = parent.resource;
    o.scope = parent.scope;
    o.resourceScoped = parent.resourceScoped;
    o.depth = parent.depth + 1;
    o.order = occurrences.size();
    occurrences.add(o);
    return o;
  }

  // ---- grouping and naming ----------------------------------------------------------------

  private void group() {
    for (Occurrence o : occurrences) {
      String scope = o.resourceScoped ? o.scope : "*";
      String key =
          o.fixedName != null
              ? "fixed:" + o.fixedName
              : (o.isEnum ? "enum:" : "obj:") + scope + ":" + shapeOf(o);
      assign(o, key);
      if (o.bodyRoot) {
        o.group.body = true;
      }
    }
  }

  private static String shapeOf(Occurrence o) {
    return Json.shape(withoutUseSite(o.schema));
  }

  private void assign(Occurrence o, String key) {
    Group g = groups.computeIfAbsent(key, k -> new Group());
    g.size = shapeOf(o).length();
    if (o.fixedName != null) {
      g.occurrences.add(0, o);
    } else {
      g.occurrences.add(o);
    }
    o.group = g;
  }

  /** The keywords that belong to where a schema is used, not to the class it becomes. */
  private static JsonObject withoutUseSite(JsonObject s) {
    JsonObject copy = s.deepCopy();
    copy.remove("nullable");
    copy.remove("readOnly");
    copy.remove("writeOnly");
    copy.remove("default");
    copy.remove("deprecated");
    return copy;
  }

  private void keepLockedNames() {
    if (locked.isEmpty()) {
      return;
    }
    Map<String, Map<Group, Integer>> votes = new LinkedHashMap<>();
    for (Occurrence o : occurrences) {
      String name = o.path == null ? null : locked.get(o.path);
      if (name != null && o.fixedName == null) {
        votes.computeIfAbsent(name, k -> new LinkedHashMap<>()).merge(o.group, 1, Integer::sum);
      }
    }
    for (Map.Entry<String, Map<Group, Integer>> en : votes.entrySet()) {
      List<Group> contenders = new ArrayList<>(en.getValue().keySet());
      contenders.removeIf(g -> g.occurrences.isEmpty());
      if (contenders.isEmpty()) {
        continue;
      }
      Group keeper = contenders.get(0);
      for (Group g : contenders) {
        if (en.getValue().getOrDefault(g, 0) > en.getValue().getOrDefault(keeper, 0)) {
          keeper = g;
        }
      }
      for (Group g : contenders) {
        if (g != keeper && mergeable(keeper, g)) {
          for (Occurrence o : g.occurrences) {
            o.group = keeper;
            keeper.occurrences.add(o);
          }
          g.occurrences.clear();
          keeper.merged = true;
          keeper.body |= g.body;
        }
      }
      sticky.putIfAbsent(en.getKey(), keeper);
      stickyVotes.put(en.getKey(), en.getValue().getOrDefault(keeper, 0));
    }
    groups.values().removeIf(g -> g.occurrences.isEmpty());
  }

  /**
   * Two shapes one locked name covered: enums of one scope merge (they are open: a value more is
   * additive), and so do objects that only responses use (a property more is additive).
   */
  private static boolean mergeable(Group a, Group b) {
    Occurrence x = a.first();
    Occurrence y = b.first();
    if (x.isEnum != y.isEnum || !java.util.Objects.equals(x.scope, y.scope)) {
      return false;
    }
    return x.isEnum || (!inBody(a) && !inBody(b));
  }

  private static boolean inBody(Group g) {
    for (Occurrence o : g.occurrences) {
      for (Occurrence p = o; p != null; p = p.parent) {
        if (p.bodyRoot || (p.path != null && p.path.contains(" body"))) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * A rule name such as {@code ConsentSetting} may be wanted by several shapes (the list item and
   * the retrieved entity differ for a few resources). It goes to the shape that most operations
   * return under it; the others fall back to their qualified names.
   */
  private void claimRuleNames() {
    Map<String, Map<Group, Integer>> votes = new LinkedHashMap<>();
    for (Occurrence o : occurrences) {
      if (o.ruleName != null) {
        votes
            .computeIfAbsent(o.ruleName, k -> new LinkedHashMap<>())
            .merge(o.group, 1, Integer::sum);
      }
    }
    votes.forEach(
        (name, byGroup) -> {
          Group best = null;
          int bestVotes = -1;
          for (Map.Entry<Group, Integer> en : byGroup.entrySet()) {
            if (en.getValue() > bestVotes) {
              best = en.getKey();
              bestVotes = en.getValue();
            }
          }
          claims.put(name, best);
        });
  }

  private void name() {
    List<Group> ordered = new ArrayList<>(groups.values());
    ordered.sort(
        Comparator.comparingInt((Group g) -> -g.size).thenComparingInt(g -> g.first().order));
    for (Group g : ordered) {
      g.name = chooseName(g);
      taken.add(g.name);
    }
  }

  private String chooseName(Group g) {
    if (g.first().fixedName != null) {
      return g.first().fixedName;
    }
    List<String> preferred = new ArrayList<>();
    Map<String, Integer> ruleVotes = new LinkedHashMap<>();
    Map<String, Integer> derivedVotes = new LinkedHashMap<>();
    List<String> fallbacks = new ArrayList<>();
    Set<String> tails = new HashSet<>();
    Set<String> resources = new HashSet<>();
    for (Occurrence o : g.occurrences) {
      resources.add(o.resource);
      if (o.ruleName != null) {
        if (claims.get(o.ruleName) == g) {
          ruleVotes.merge(o.ruleName, 1, Integer::sum);
        }
        fallbacks.add(o.altName);
      } else {
        derivedVotes.merge(stem(o.parent.group) + o.tail, 1, Integer::sum);
        tails.add(o.tail);
      }
    }
    preferred.addAll(rank(ruleVotes));
    if (ruleVotes.isEmpty() && tails.size() == 1 && resources.size() > 1) {
      // one concept used by several resources of a scope (ingest's userProperties): its own name
      preferred.add(tails.iterator().next());
    }
    preferred.addAll(rank(derivedVotes));
    preferred.addAll(fallbacks);
    // a name the lock gave this shape first: most lock paths, then the rules' own order
    List<String> kept = new ArrayList<>();
    sticky.forEach(
        (n, owner) -> {
          if (owner == g && !taken.contains(n)) {
            kept.add(n);
          }
        });
    if (!kept.isEmpty()) {
      kept.sort(
          Comparator.comparingInt((String n) -> -stickyVotes.getOrDefault(n, 0))
              .thenComparingInt(n -> preferred.contains(n) ? preferred.indexOf(n) : 1 << 20)
              .thenComparing(Comparator.naturalOrder()));
      return kept.get(0);
    }
    for (String candidate : preferred) {
      String n = legal(candidate);
      if (!taken.contains(n) && !Names.RESERVED.contains(n) && !sticky.containsKey(n)) {
        return n;
      }
    }
    String base = legal(preferred.isEmpty() ? "Model" : preferred.get(0));
    for (int i = 2; ; i++) {
      if (!taken.contains(base + i) && !sticky.containsKey(base + i)) {
        return base + i;
      }
    }
  }

  /** The prefix nested shapes take from their parent: a body's name without {@code Body}. */
  private static String stem(Group parent) {
    String n = parent.name;
    return parent.body && n.endsWith("Body") ? n.substring(0, n.length() - "Body".length()) : n;
  }

  /** Most votes first, then shortest, then alphabetical. */
  private static List<String> rank(Map<String, Integer> votes) {
    return votes.entrySet().stream()
        .sorted(
            Comparator.comparingInt((Map.Entry<String, Integer> e) -> -e.getValue())
                .thenComparingInt(e -> e.getKey().length())
                .thenComparing(Map.Entry::getKey))
        .map(Map.Entry::getKey)
        .collect(Collectors.toList());
  }

  /** Keeps generated names clear of the patterns the generator itself would produce. */
  private static String legal(String name) {
    return FORBIDDEN.matcher(name).find() ? name + "Model" : name;
  }

  /** The class of a merged group: every occurrence's enum values, or properties. */
  private static JsonObject union(Group g) {
    JsonObject def = withoutUseSite(g.first().schema);
    for (Occurrence o : g.occurrences) {
      JsonArray values = Json.arr(o.schema, "enum");
      JsonArray into = Json.arr(def, "enum");
      if (values != null && into != null) {
        for (JsonElement v : values) {
          if (!into.contains(v)) {
            into.add(v);
          }
        }
      }
      JsonObject props = Json.obj(o.schema, "properties");
      JsonObject intoProps = Json.obj(def, "properties");
      if (props != null && intoProps != null) {
        for (Map.Entry<String, JsonElement> p : props.entrySet()) {
          if (!intoProps.has(p.getKey())) {
            intoProps.add(p.getKey(), p.getValue().deepCopy());
          }
        }
        Set<String> required =
            new java.util.LinkedHashSet<>(Json.strings(Json.arr(def, "required")));
        required.retainAll(Json.strings(Json.arr(o.schema, "required")));
        JsonArray req = new JsonArray();
        required.forEach(req::add);
        if (req.size() > 0) {
          def.add("required", req);
        } else {
          def.remove("required");
        }
      }
    }
    return def;
  }

  // ---- hoisting -----------------------------------------------------------------------------

  private void hoist(JsonObject schemas) {
    List<Occurrence> deepestFirst = new ArrayList<>(occurrences);
    deepestFirst.sort(
        Comparator.comparingInt((Occurrence o) -> -o.depth).thenComparingInt(o -> o.order));
    Set<Group> written = new HashSet<>();
    for (Occurrence o : deepestFirst) {
      Group g = o.group;
      if (o.fixedName != null) {
        written.add(g);
        continue;
      }
      if (written.add(g)) {
        JsonObject def = g.merged ? union(g) : withoutUseSite(o.schema);
        if (g.first().fixedName == null) {
          schemas.add(g.name, def);
        }
      }
      JsonObject ref = new JsonObject();
      ref.addProperty("$ref", REF_PREFIX + g.name);
      for (String k :
          new String[] {
            "description", "nullable", "readOnly", "writeOnly", "default", "deprecated"
          }) {
        if (o.schema.has(k)) {
          ref.add(k, o.schema.get(k));
        }
      }
      Json.replaceContents(o.schema, ref);
    }
  }
}
