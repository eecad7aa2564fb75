package io.etwcorr.schemas.raw;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/** Seeded generator of valid raw events, reaching into the corners of the contract. */
final class RandomRawEvents {
    private static final String HOST_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-";
    private static final String[] AWKWARD_TEXT = {"", "\"", "\\", "\u0000", "\n\t", "é", "\uD83D\uDE00", "\u2028", "</script>", " "};

    private final Random random;

    RandomRawEvents(long seed) {
        this.random = new Random(seed);
    }

    RawEvent next() {
        return new RawEvent(
                1,
                host(),
                UUID.nameUUIDFromBytes(longBytes()).toString(),
                random.nextLong() & Long.MAX_VALUE,
                random.nextLong(),
                nonEmptyText(),
                random.nextBoolean() ? UUID.nameUUIDFromBytes(longBytes()).toString() : null,
                random.nextInt(65536),
                random.nextInt(256),
                random.nextBoolean() ? random.nextInt(256) : null,
                random.nextInt(Integer.MAX_VALUE) - 1,
                random.nextBoolean() ? -1 : Integer.MAX_VALUE - random.nextInt(1000),
                values(),
                random.nextBoolean() ? values() : null);
    }

    private String host() {
        int length = random.nextInt(20) == 0 ? 255 : 1 + random.nextInt(30);
        StringBuilder host = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            host.append(HOST_CHARS.charAt(random.nextInt(HOST_CHARS.length())));
        }
        return host.toString();
    }

    private Map<String, Object> values() {
        Map<String, Object> values = new LinkedHashMap<>();
        int count = random.nextInt(12);
        for (int i = 0; i < count; i++) {
            values.put(text() + i, random.nextInt(6) == 0 ? list() : scalar());
        }
        return values;
    }

    private List<Object> list() {
        List<Object> list = new ArrayList<>();
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            list.add(scalar());
        }
        return list;
    }

    private Object scalar() {
        return switch (random.nextInt(7)) {
            case 0 -> random.nextLong();
            case 1 -> (long) random.nextInt(70000);
            case 2 -> random.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE;
            case 3 -> finiteDouble();
            case 4 -> random.nextBoolean();
            default -> text();
        };
    }

    private double finiteDouble() {
        double value;
        do {
            value = random.nextBoolean() ? Double.longBitsToDouble(random.nextLong()) : random.nextDouble() * 1000;
        } while (!Double.isFinite(value));
        return value;
    }

    private String nonEmptyText() {
        return "P" + text();
    }

    private String text() {
        StringBuilder text = new StringBuilder();
        int parts = random.nextInt(4);
        for (int i = 0; i < parts; i++) {
            text.append(random.nextBoolean() ? AWKWARD_TEXT[random.nextInt(AWKWARD_TEXT.length)] : Long.toString(random.nextLong(), 36));
        }
        return text.toString();
    }

    private byte[] longBytes() {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        return bytes;
    }
}
