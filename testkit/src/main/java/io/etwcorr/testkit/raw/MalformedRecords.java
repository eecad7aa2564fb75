package io.etwcorr.testkit.raw;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.etwcorr.testkit.raw.ContractEvents.CheckedProp;
import io.etwcorr.testkit.raw.ContractEvents.Template;
import io.etwcorr.schemas.raw.RawEvent;
import io.etwcorr.schemas.raw.RawEventCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generated records that break the raw-event contract, each in one way the codec or the normalizer
 * must refuse: structurally broken JSON, a JSON value that is not an object, a missing or wrongly
 * typed envelope field, numbers beyond 64 bits, invalid hosts, records above the size limit, bad
 * UTF-8, nesting beyond the limit, and valid envelopes whose props break the rules of their event id
 * and version. None contains a line break, so each is one line of a JSONL file.
 */
public final class MalformedRecords {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<Template> TEMPLATES = ContractEvents.all();
    private static final List<String> NUMERIC_FIELDS = List.of("v", "seq", "ts", "id", "ver", "pid", "tid");
    private static final List<String> TEXT_FIELDS = List.of("host", "run", "provider");
    private static final List<String> REQUIRED_FIELDS = List.of(
            "v", "host", "run", "seq", "ts", "provider", "id", "ver", "pid", "tid", "props");
    private static final List<byte[]> INVALID_UTF8 = List.of(
            new byte[] {(byte) 0xFF},
            new byte[] {(byte) 0x80},
            new byte[] {(byte) 0xC0, (byte) 0xAF},
            new byte[] {(byte) 0xC3, 'x'},
            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            new byte[] {(byte) 0xE2, (byte) 0x82});

    private MalformedRecords() {}

    /** A malformed record: what is wrong with it, and its bytes. */
    public record Malformed(String defect, byte[] bytes) {
        @Override
        public String toString() {
            String text = new String(bytes, StandardCharsets.UTF_8);
            return defect + ": " + (text.length() > 300 ? text.substring(0, 300) + "..." : text);
        }
    }

    /** Any of the kinds below, evenly. */
    public static Arbitrary<Malformed> any() {
        return Arbitraries.oneOf(List.of(truncated(), trailingContent(), notAnObject(), missingEnvelopeField(),
                wrongEnvelopeType(), beyond64Bits(), invalidHost(), oversize(), invalidUtf8(), tooDeep(),
                missingRequiredProp(), wrongPropType(), randomBytes()));
    }

    /** The records every malformed one is made from: one valid record per contract event id and version. */
    public static List<RawEvent> validTemplates() {
        return TEMPLATES.stream().map(Template::event).toList();
    }

    public static Arbitrary<Malformed> truncated() {
        return Arbitraries.of(TEMPLATES).flatMap(template -> {
            byte[] bytes = RawEventCodec.encode(template.event());
            return Arbitraries.integers().between(1, bytes.length - 1)
                    .map(length -> new Malformed("truncated", Arrays.copyOf(bytes, length)));
        });
    }

    public static Arbitrary<Malformed> trailingContent() {
        return Combinators.combine(Arbitraries.of(TEMPLATES), Arbitraries.of("}", "x", "{}", ",", "]", "\"", "0"))
                .as((template, tail) -> new Malformed("trailing content",
                        concat(RawEventCodec.encode(template.event()), tail.getBytes(StandardCharsets.UTF_8))));
    }

    public static Arbitrary<Malformed> notAnObject() {
        return Arbitraries.of(TEMPLATES).flatMap(template -> Arbitraries.of("[]", "42", "\"text\"", "null", "true", "-0.5",
                        "[" + RawEventCodec.encodeToString(template.event()) + "]")
                .map(json -> new Malformed("not an object", json.getBytes(StandardCharsets.UTF_8))));
    }

    public static Arbitrary<Malformed> missingEnvelopeField() {
        return Combinators.combine(Arbitraries.of(TEMPLATES), Arbitraries.of(REQUIRED_FIELDS))
                .as((template, field) -> {
                    ObjectNode tree = tree(template.event());
                    tree.remove(field);
                    return new Malformed("missing " + field, bytes(tree));
                });
    }

    public static Arbitrary<Malformed> wrongEnvelopeType() {
        Arbitrary<Map.Entry<String, JsonNode>> numeric = Combinators.combine(Arbitraries.of(NUMERIC_FIELDS),
                Arbitraries.of(TextNode.valueOf("1"), BooleanNode.TRUE, DoubleNode.valueOf(1.5), NODES.arrayNode(),
                        NODES.objectNode(), NullNode.getInstance())).as(Map::entry);
        Arbitrary<Map.Entry<String, JsonNode>> text = Combinators.combine(Arbitraries.of(TEXT_FIELDS),
                Arbitraries.of(NODES.numberNode(5), BooleanNode.FALSE, NODES.arrayNode(), NODES.objectNode(),
                        NullNode.getInstance(), TextNode.valueOf(""))).as(Map::entry);
        Arbitrary<Map.Entry<String, JsonNode>> props = Arbitraries.of(TextNode.valueOf("x"), NODES.numberNode(5),
                NODES.arrayNode(), NullNode.getInstance()).map(value -> Map.entry("props", value));
        return Combinators.combine(Arbitraries.of(TEMPLATES), Arbitraries.oneOf(List.of(numeric, text, props)))
                .as((template, wrong) -> {
                    ObjectNode tree = tree(template.event());
                    tree.set(wrong.getKey(), wrong.getValue());
                    return new Malformed(wrong.getKey() + " of the wrong type", bytes(tree));
                });
    }

    public static Arbitrary<Malformed> beyond64Bits() {
        Arbitrary<BigInteger> huge = Arbitraries.bigIntegers()
                .between(BigInteger.ONE.shiftLeft(64), BigInteger.TEN.pow(400));
        return Combinators.combine(Arbitraries.of(TEMPLATES), Arbitraries.of(NUMERIC_FIELDS), huge, Arbitraries.of(1, -1))
                .as((template, field, magnitude, sign) -> {
                    ObjectNode tree = tree(template.event());
                    tree.set(field, NODES.numberNode(sign < 0 ? magnitude.negate() : magnitude));
                    return new Malformed(field + " beyond 64 bits", bytes(tree));
                });
    }

    public static Arbitrary<Malformed> invalidHost() {
        Arbitrary<String> host = Arbitraries.oneOf(List.of(
                Arbitraries.strings().withChars("ab.-_9").ofLength(256),
                Arbitraries.of("WS 0042", "ws/42", "ws:42", "h\u00e9te", "WS-0042\t", "..\\..", "<script>")));
        return Combinators.combine(Arbitraries.of(TEMPLATES), host).as((template, value) -> {
            ObjectNode tree = tree(template.event());
            tree.put("host", value);
            return new Malformed("invalid host", bytes(tree));
        });
    }

    public static Arbitrary<Malformed> oversize() {
        return Combinators.combine(Arbitraries.of(TEMPLATES),
                Arbitraries.integers().between(RawEventCodec.MAX_RECORD_BYTES, RawEventCodec.MAX_RECORD_BYTES + 20_000))
                .as((template, padding) -> {
                    ObjectNode tree = tree(template.event());
                    ((ObjectNode) tree.get("props")).put("Padding", "A".repeat(padding));
                    return new Malformed("above the size limit", bytes(tree));
                });
    }

    public static Arbitrary<Malformed> invalidUtf8() {
        return Combinators.combine(Arbitraries.of(TEMPLATES), Arbitraries.of(INVALID_UTF8), Arbitraries.doubles().between(0, 1))
                .as((template, sequence, where) -> {
                    byte[] valid = RawEventCodec.encode(template.event());
                    int at = (int) (where * valid.length);
                    return new Malformed("invalid UTF-8",
                            concat(concat(Arrays.copyOf(valid, at), sequence), Arrays.copyOfRange(valid, at, valid.length)));
                });
    }

    public static Arbitrary<Malformed> tooDeep() {
        return Combinators.combine(Arbitraries.of(TEMPLATES),
                Arbitraries.integers().between(RawEventCodec.MAX_NESTING_DEPTH, 5_000), Arbitraries.of("[", "{\"a\":"))
                .as((template, depth, open) -> {
                    String close = open.equals("[") ? "]" : "}";
                    String nested = open.repeat(depth) + "1" + close.repeat(depth);
                    String valid = RawEventCodec.encodeToString(template.event());
                    String json = valid.replaceFirst("\"props\":\\{", "\"props\":{\"Deep\":" + escapeReplacement(nested) + ",");
                    return new Malformed("nested " + (depth + 2) + " deep", json.getBytes(StandardCharsets.UTF_8));
                });
    }

    public static Arbitrary<Malformed> missingRequiredProp() {
        return Arbitraries.of(TEMPLATES).flatMap(template -> Arbitraries.of(template.required()).map(prop -> {
            Map<String, Object> props = new LinkedHashMap<>(template.event().props());
            props.remove(prop.name());
            return new Malformed(describe(template, "without " + prop.name()), encode(template.event(), props));
        }));
    }

    public static Arbitrary<Malformed> wrongPropType() {
        return Arbitraries.of(TEMPLATES).flatMap(template -> Arbitraries.of(template.checked()).flatMap(
                (CheckedProp prop) -> Arbitraries.of(prop.type().refused).map(value -> {
                    Map<String, Object> props = new LinkedHashMap<>(template.event().props());
                    props.put(prop.name(), value);
                    return new Malformed(describe(template, prop.name() + " = " + value),
                            encode(template.event(), props));
                })));
    }

    public static Arbitrary<Malformed> randomBytes() {
        return Arbitraries.bytes().filter(b -> b != '\n' && b != '\r').array(byte[].class).ofMaxSize(300)
                .map(random -> new Malformed("random bytes after '{'", concat(new byte[] {'{'}, random)));
    }

    private static String describe(Template template, String defect) {
        RawEvent event = template.event();
        return event.provider() + " " + event.id() + " v" + event.ver() + " " + defect;
    }

    private static byte[] encode(RawEvent event, Map<String, Object> props) {
        return RawEventCodec.encode(new RawEvent(event.v(), event.host(), event.run(), event.seq(), event.ts(),
                event.provider(), event.guid(), event.id(), event.ver(), event.opcode(), event.pid(), event.tid(),
                props, event.x()));
    }

    private static ObjectNode tree(RawEvent event) {
        try {
            return (ObjectNode) JSON.readTree(RawEventCodec.encode(event));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(JsonNode tree) {
        try {
            return JSON.writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String escapeReplacement(String text) {
        return text.replace("\\", "\\\\").replace("$", "\\$");
    }

    private static byte[] concat(byte[] first, byte[] second) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(first.length + second.length);
        out.writeBytes(first);
        out.writeBytes(second);
        return out.toByteArray();
    }
}
