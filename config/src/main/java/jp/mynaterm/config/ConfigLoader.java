package jp.mynaterm.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Loads a role's YAML file into its record, validated, with environment overrides. Every problem
 * becomes one {@link ConfigException} naming the file and the key.
 *
 * <p>Environment overrides: every scalar key has a variable, {@code MYNATERM_} and its dotted path
 * in upper snake case: {@code mqtt.password} → {@code MYNATERM_MQTT_PASSWORD},
 * {@code card.cardIdKey} → {@code MYNATERM_CARD_CARD_ID_KEY}. Secrets and addresses belong there.
 */
public final class ConfigLoader {
  private static final Map<Role, Class<? extends RoleConfig>> RECORDS =
      Map.of(
          Role.HUB, HubConfig.class,
          Role.KIOSK, KioskConfig.class,
          Role.TAXI, TaxiConfig.class,
          Role.LIBRARY, LibraryConfig.class,
          Role.HOSPITAL, HospitalConfig.class);

  private final ObjectMapper yaml;
  private final Map<String, String> env;

  public ConfigLoader() {
    this(System.getenv());
  }

  /** With a given environment, for tests. */
  public ConfigLoader(Map<String, String> env) {
    this.env = Map.copyOf(env);
    this.yaml =
        YAMLMapper.builder(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .addModule(new SimpleModule("mynaterm-config").addDeserializer(Duration.class, new DurationDeserializer()))
            .build();
  }

  /** Loads whatever role the file declares. */
  public RoleConfig load(Path file) {
    return load(file, RoleConfig.class);
  }

  /** Loads a file that must be of the given role's record (or any role for {@code RoleConfig}). */
  public <T extends RoleConfig> T load(Path file, Class<T> expected) {
    String name = file.toString();
    String text = read(file, name);
    return parse(name, text, expected);
  }

  /** Parses YAML text; {@code name} is what error lines call the file. */
  public <T extends RoleConfig> T parse(String name, String text, Class<T> expected) {
    JsonNode tree;
    try {
      tree = yaml.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ConfigException(name, "", "is not valid YAML" + location(e) + ": " + e.getOriginalMessage());
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      throw new ConfigException(name, "", "is empty; see config/examples/ for a starting point");
    }
    if (!(tree instanceof ObjectNode root)) {
      throw new ConfigException(name, "", "must be a YAML mapping of keys, not a " + tree.getNodeType().name().toLowerCase());
    }
    JsonNode roleNode = root.get("role");
    if (roleNode == null || !roleNode.isTextual()) {
      throw new ConfigException(name, "role", "is required: one of " + Role.allKeys());
    }
    Role role;
    try {
      role = Role.of(roleNode.asText());
    } catch (InvalidValue e) {
      throw new ConfigException(name, "role", e.getMessage());
    }
    Class<? extends RoleConfig> type = RECORDS.get(role);
    if (!expected.isAssignableFrom(type)) {
      throw new ConfigException(name, "role", "is '" + role.key() + "', but this command needs a " + roleOf(expected) + " configuration");
    }
    applyEnvironment(root, type, "");
    try {
      return expected.cast(yaml.treeToValue(root, type));
    } catch (JsonProcessingException e) {
      throw translate(name, e);
    } catch (IllegalArgumentException e) {
      // treeToValue wraps some mapping problems in IllegalArgumentException
      if (e.getCause() instanceof JsonProcessingException jpe) throw translate(name, jpe);
      throw new ConfigException(name, "", e.getMessage());
    }
  }

  private static String roleOf(Class<?> expected) {
    return RECORDS.entrySet().stream()
        .filter(e -> e.getValue() == expected)
        .map(e -> e.getKey().key())
        .findFirst()
        .orElse("terminal");
  }

  private static String read(Path file, String name) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (NoSuchFileException e) {
      throw new ConfigException(name, "", "does not exist");
    } catch (CharacterCodingException e) {
      throw new ConfigException(name, "", "is not UTF-8 text");
    } catch (IOException e) {
      throw new ConfigException(name, "", "cannot be read: " + e.getMessage());
    }
  }

  /** Puts MYNATERM_* variables into the tree at their keys, for every scalar key the record has. */
  private void applyEnvironment(ObjectNode node, Class<?> type, String prefix) {
    for (RecordComponent c : type.getRecordComponents()) {
      String key = prefix.isEmpty() ? c.getName() : prefix + "." + c.getName();
      Class<?> t = c.getType();
      if (t.isRecord()) {
        JsonNode child = node.get(c.getName());
        boolean created = false;
        if (child == null || child.isNull()) {
          child = node.objectNode();
          created = true;
        }
        if (child instanceof ObjectNode obj) {
          applyEnvironment(obj, t, key);
          if (!created || !obj.isEmpty()) node.set(c.getName(), obj);
        }
      } else if (!(c.getGenericType() instanceof ParameterizedType) && !key.equals("role")) {
        String value = env.get(envName(key));
        if (value != null) node.set(c.getName(), scalar(value, t));
      }
    }
  }

  /**
   * An environment value as the key's type would be written in YAML: {@code 1884} a number for a
   * port, {@code true} a boolean; anything else stays text, so a bad value gets the key's usual error.
   */
  private static JsonNode scalar(String value, Class<?> type) {
    String v = value.strip();
    if ((type == Integer.class || type == int.class || type == Long.class || type == long.class) && v.matches("-?\\d{1,18}")) {
      return com.fasterxml.jackson.databind.node.LongNode.valueOf(Long.parseLong(v));
    }
    if ((type == Boolean.class || type == boolean.class) && (v.equals("true") || v.equals("false"))) {
      return com.fasterxml.jackson.databind.node.BooleanNode.valueOf(Boolean.parseBoolean(v));
    }
    return TextNode.valueOf(value);
  }

  /** {@code card.cardIdKey} → {@code MYNATERM_CARD_CARD_ID_KEY}. */
  public static String envName(String dottedKey) {
    return "MYNATERM_" + dottedKey.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('.', '_').toUpperCase();
  }

  private static ConfigException translate(String name, JsonProcessingException e) {
    String path = e instanceof JsonMappingException m ? path(m.getPath()) : "";
    return switch (e) {
      case UnrecognizedPropertyException u -> {
        String known =
            u.getKnownPropertyIds() == null
                ? ""
                : " (known keys here: " + u.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")) + ")";
        yield new ConfigException(name, path, "is not a known key" + known);
      }
      case ValueInstantiationException v when v.getCause() instanceof InvalidValue iv -> {
        // The record named its own field; the path so far is the record itself.
        String key = path.isEmpty() ? iv.field() : path + "." + iv.field();
        yield new ConfigException(name, key, iv.getMessage());
      }
      case ValueInstantiationException v -> new ConfigException(name, path, String.valueOf(v.getCause() == null ? v.getOriginalMessage() : v.getCause().getMessage()));
      case InvalidFormatException f ->
          new ConfigException(name, path, "must be " + expectedKind(f.getTargetType()) + " (got '" + f.getValue() + "')");
      case MismatchedInputException m when m.getCause() instanceof IllegalArgumentException iae ->
          new ConfigException(name, path, iae.getMessage());
      case MismatchedInputException m ->
          new ConfigException(name, path, "must be " + expectedKind(m.getTargetType()) + gotWhat(m));
      case JsonMappingException m when m.getCause() instanceof InvalidValue iv ->
          new ConfigException(name, path, iv.getMessage());
      case JsonMappingException m when m.getCause() instanceof IllegalArgumentException iae ->
          new ConfigException(name, path, iae.getMessage());
      default -> new ConfigException(name, path, e.getOriginalMessage());
    };
  }

  private static String gotWhat(MismatchedInputException m) {
    String msg = m.getOriginalMessage();
    if (msg == null) return "";
    if (msg.contains("from Array value") || msg.contains("START_ARRAY")) return " (got a list)";
    if (msg.contains("from Object value") || msg.contains("START_OBJECT")) return " (got a mapping)";
    if (msg.contains("String value")) return " (got text)";
    if (msg.contains("Boolean value")) return " (got true/false)";
    if (msg.contains("Integer value") || msg.contains("Floating-point value")) return " (got a number)";
    return "";
  }

  private static String expectedKind(Class<?> t) {
    if (t == null) return "of another type";
    if (t == Integer.class || t == int.class || t == Long.class || t == long.class) return "a whole number";
    if (t == Double.class || t == double.class) return "a number";
    if (t == Boolean.class || t == boolean.class) return "true or false";
    if (t == String.class) return "text";
    if (t == Duration.class) return "a duration like 30s, 5m or 7d";
    if (t.isRecord() || Map.class.isAssignableFrom(t)) return "a mapping of keys";
    if (List.class.isAssignableFrom(t)) return "a list";
    if (t.isEnum()) return "one of the allowed words";
    return "a " + t.getSimpleName();
  }

  private static String path(List<JsonMappingException.Reference> refs) {
    List<String> parts = new ArrayList<>();
    for (var r : refs) {
      if (r.getFieldName() != null) parts.add(r.getFieldName());
      else if (r.getIndex() >= 0) parts.add("[" + r.getIndex() + "]");
    }
    return String.join(".", parts).replace(".[", "[");
  }

  private static String location(JsonProcessingException e) {
    var loc = e.getLocation();
    return loc == null || loc.getLineNr() < 1 ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
  }

  /** Durations from YAML text like {@code 30s}; numbers are refused, since their unit would be a guess. */
  private static final class DurationDeserializer extends JsonDeserializer<Duration> {
    @Override
    public Duration deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
      if (!p.currentToken().isScalarValue()) {
        return (Duration) ctx.handleUnexpectedToken(Duration.class, p);
      }
      String text = p.getText();
      try {
        if (p.currentToken().isNumeric()) {
          throw new IllegalArgumentException("must be a duration with a unit, like " + text + "s or " + text + "ms (got " + text + ")");
        }
        return DurationText.parse(text);
      } catch (IllegalArgumentException e) {
        throw JsonMappingException.from(p, e.getMessage(), e);
      }
    }
  }
}
