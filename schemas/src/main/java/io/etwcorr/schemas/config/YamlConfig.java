package io.etwcorr.schemas.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one loader of the project's typed configs (the job's and the collector's): a YAML file, then
 * {@code key.path=value} overrides from {@code --set}, bound by Jackson onto the config class, whose
 * field initializers are the defaults, then checked ({@link Range}, {@link OneOf}, {@link NotBlank},
 * {@link ConsistencyCheck}, and no key left empty). Unknown keys are errors: a typo must not silently
 * fall back to a default. Every error is a {@link ConfigException} of one line naming the key path.
 *
 * <p>Overrides follow the config's types: {@code a.b=4} fills an int; a list is set whole, either
 * as a YAML flow sequence {@code lineage.boundaryProcesses=[a.exe, b.exe]} or comma separated
 * {@code lineage.boundaryProcesses=a.exe,b.exe} (empty value: the empty list); below a map key
 * (Kafka client {@code properties}) the rest of the path is one key, dots included
 * ({@code kafka.properties.security.protocol=SASL_SSL}).
 *
 * <p>The loaded object's lists and maps are unmodifiable: a loaded config is never changed, a
 * variant is a new object from {@link #derive}.
 */
public final class YamlConfig {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private YamlConfig() {}

    /** Reads {@code file} (null: no file, the defaults) and applies {@code overrides} ({@code key=value}) in order. */
    public static <T> T load(Class<T> type, Path file, List<String> overrides) {
        String source = file == null ? "invalid config" : "invalid config " + file;
        ObjectNode tree = file == null ? YAML.createObjectNode() : readTree(file);
        return bind(type, tree, overrides, source);
    }

    /** The defaults of {@code type}, checked like a loaded config. */
    public static <T> T defaults(Class<T> type) {
        return load(type, null, List.of());
    }

    /** A new config: {@code config} with {@code overrides} applied; {@code config} is left as it is. */
    @SuppressWarnings("unchecked")
    public static <T> T derive(T config, List<String> overrides) {
        ObjectNode tree = YAML.valueToTree(config);
        return bind((Class<T>) config.getClass(), tree, overrides, "invalid derived config");
    }

    private static <T> T bind(Class<T> type, ObjectNode tree, List<String> overrides, String source) {
        for (String override : overrides) {
            apply(tree, YAML.constructType(type), override);
        }
        T config;
        try {
            config = YAML.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + ": " + describe(e), e);
        }
        List<String> problems = new ArrayList<>();
        checkAndFreeze(config, "", problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(source + ": " + String.join("; ", problems), null);
        }
        return config;
    }

    private static ObjectNode readTree(Path file) {
        JsonNode node;
        try {
            node = YAML.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new ConfigException("cannot read config " + file + ": no such file", e);
        } catch (JsonProcessingException e) {
            throw new ConfigException("invalid config " + file + ": " + describe(e), e);
        } catch (IOException e) {
            throw new ConfigException("cannot read config " + file + ": " + e, e);
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            return YAML.createObjectNode();
        }
        if (!node.isObject()) {
            throw new ConfigException("invalid config " + file + ": the top level must be a mapping of keys", null);
        }
        return (ObjectNode) node;
    }

    // ---- --set key.path=value

    private static void apply(ObjectNode root, JavaType rootType, String override) {
        int eq = override.indexOf('=');
        if (eq <= 0) {
            throw new ConfigException("--set " + override + ": must be key=value", null);
        }
        String key = override.substring(0, eq).trim();
        String value = override.substring(eq + 1).trim();
        String[] path = key.split("\\.", -1);
        ObjectNode node = root;
        JavaType type = rootType;
        for (int i = 0; i < path.length; i++) {
            String prefix = String.join(".", Arrays.copyOf(path, i + 1));
            JavaType property = propertyType(type, path[i]);
            if (property == null) {
                throw new ConfigException("--set " + override + ": unknown key " + prefix + " (known: "
                        + String.join(", ", propertyNames(type)) + ")", null);
            }
            boolean last = i == path.length - 1;
            if (last) {
                node.set(path[i], value(key, value, property));
                return;
            }
            if (property.isMapLikeType()) {
                // Kafka client property names contain dots themselves: the rest of the path is one key.
                String mapKey = String.join(".", Arrays.copyOfRange(path, i + 1, path.length));
                child(node, path[i]).set(mapKey, TextNode.valueOf(value));
                return;
            }
            if (property.isCollectionLikeType() || property.isArrayType()) {
                throw new ConfigException("--set " + override + ": " + prefix
                        + " is a list, set it whole: " + prefix + "=[a, b] or " + prefix + "=a,b", null);
            }
            if (!isSection(property.getRawClass())) {
                throw new ConfigException("--set " + override + ": unknown key " + key + " (" + prefix
                        + " has no keys below it)", null);
            }
            node = child(node, path[i]);
            type = property;
        }
    }

    private static JsonNode value(String key, String value, JavaType type) {
        boolean list = type.isCollectionLikeType() || type.isArrayType();
        if (list && !value.startsWith("[")) {
            ArrayNode items = YAML.createArrayNode();
            if (!value.isEmpty()) {
                Arrays.stream(value.split(",")).map(String::trim).map(TextNode::valueOf).forEach(items::add);
            }
            return items;
        }
        if (list || value.startsWith("{")) {
            try {
                return YAML.readTree(value);
            } catch (JsonProcessingException e) {
                throw new ConfigException("--set " + key + "=" + value + ": not a YAML value: "
                        + firstLine(e.getOriginalMessage()), e);
            }
        }
        if (type.isMapLikeType() || isSection(type.getRawClass())) {
            throw new ConfigException("--set " + key + "=" + value + ": " + key
                    + " is a section: set one of its keys (" + key + ".KEY=VALUE) or a {KEY: VALUE} mapping", null);
        }
        return TextNode.valueOf(value);
    }

    private static ObjectNode child(ObjectNode node, String name) {
        JsonNode child = node.get(name);
        return child instanceof ObjectNode object ? object : node.putObject(name);
    }

    private static JavaType propertyType(JavaType type, String name) {
        return properties(type).stream().filter(p -> p.getName().equals(name))
                .map(BeanPropertyDefinition::getPrimaryType).findFirst().orElse(null);
    }

    private static List<String> propertyNames(JavaType type) {
        return properties(type).stream().map(BeanPropertyDefinition::getName).sorted().toList();
    }

    private static List<BeanPropertyDefinition> properties(JavaType type) {
        return YAML.getDeserializationConfig().introspect(type).findProperties();
    }

    // ---- errors of binding

    private static String describe(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return path(unknown) + ": unknown key (known: " + unknown.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", ")) + ")";
        }
        if (e instanceof InvalidFormatException format) {
            return path(format) + ": '" + format.getValue() + "' is not " + typeName(format.getTargetType());
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return path(mismatch) + ": expected " + typeName(mismatch.getTargetType());
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return path(mapping) + ": " + firstLine(e.getOriginalMessage());
        }
        String at = e.getLocation() == null ? ""
                : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": ";
        return at + firstLine(e.getOriginalMessage());
    }

    private static String typeName(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || isSection(type)) {
            return "a mapping of keys";
        }
        return "a " + type.getSimpleName();
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "(top level)" : path.toString();
    }

    private static String firstLine(String message) {
        int newline = message == null ? -1 : message.indexOf('\n');
        return newline < 0 ? String.valueOf(message) : message.substring(0, newline);
    }

    // ---- checks after binding

    private static void checkAndFreeze(Object section, String path, List<String> problems) {
        int problemsBefore = problems.size();
        for (Field field : section.getClass().getFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            String key = path.isEmpty() ? field.getName() : path + "." + field.getName();
            Object value = read(field, section);
            if (value == null) {
                problems.add(key + ": is required");
                continue;
            }
            checkValue(field, key, value, problems);
            if (value instanceof List<?> list) {
                checkElements(key, list, problems);
                if (!list.contains(null)) {
                    write(field, section, List.copyOf(list));
                }
            } else if (value instanceof Map<?, ?> map) {
                map.forEach((name, element) -> {
                    if (element == null) {
                        problems.add(key + "." + name + ": is required");
                    }
                });
                write(field, section, Collections.unmodifiableMap(new LinkedHashMap<>(map)));
            } else if (isSection(value.getClass())) {
                checkAndFreeze(value, key, problems);
            }
        }
        // Keys that relate to each other are compared only once each is valid on its own.
        if (section instanceof ConsistencyCheck consistency && problems.size() == problemsBefore) {
            consistency.inconsistencies().forEach(problem -> problems.add(path.isEmpty() ? problem : path + "." + problem));
        }
    }

    private static void checkElements(String key, List<?> list, List<String> problems) {
        for (int i = 0; i < list.size(); i++) {
            Object element = list.get(i);
            if (element == null) {
                problems.add(key + "[" + i + "]: is required");
            } else if (isSection(element.getClass())) {
                checkAndFreeze(element, key + "[" + i + "]", problems);
            }
        }
    }

    private static void checkValue(Field field, String key, Object value, List<String> problems) {
        Range range = field.getAnnotation(Range.class);
        if (range != null && value instanceof Number number) {
            double n = number.doubleValue();
            if (!(n >= range.min() && n <= range.max())) {
                problems.add(key + ": " + format(n) + " is out of range " + (Double.isInfinite(range.min()) ? "(-inf" : "[" + format(range.min()))
                        + ", " + (Double.isInfinite(range.max()) ? "inf)" : format(range.max()) + "]"));
            }
        }
        OneOf oneOf = field.getAnnotation(OneOf.class);
        if (oneOf != null && !Arrays.asList(oneOf.value()).contains(value)) {
            problems.add(key + ": '" + value + "' is not one of " + String.join(", ", oneOf.value()));
        }
        if (field.isAnnotationPresent(NotBlank.class) && value.toString().isBlank()) {
            problems.add(key + ": must not be empty");
        }
    }

    private static String format(double value) {
        return Double.isNaN(value) ? "NaN" : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** A nested config section, as opposed to a value (text, number, list, map). */
    private static boolean isSection(Class<?> type) {
        return !type.isPrimitive() && !type.isEnum() && !type.isArray() && !type.getName().startsWith("java.");
    }

    private static Object read(Field field, Object section) {
        try {
            return field.get(section);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("config field " + field + " is not public", e);
        }
    }

    private static void write(Field field, Object section, Object value) {
        try {
            field.set(section, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("config field " + field + " is not writable", e);
        }
    }
}
