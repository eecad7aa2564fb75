package io.etwcorr.collector.session;

import java.util.regex.Pattern;

/** A case-insensitive glob over names ({@code *} any run of characters, {@code ?} one character). */
public final class NamePattern {
    private final String glob;
    private final Pattern pattern;

    private NamePattern(String glob) {
        this.glob = glob;
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                regex.append(Pattern.quote(literal.toString())).append(c == '*' ? ".*" : ".");
                literal.setLength(0);
            } else {
                literal.append(c);
            }
        }
        regex.append(Pattern.quote(literal.toString()));
        this.pattern = Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }

    public static NamePattern of(String glob) {
        if (glob == null || glob.isEmpty()) {
            throw new IllegalArgumentException("a name pattern cannot be empty");
        }
        return new NamePattern(glob);
    }

    public boolean matches(String name) {
        return pattern.matcher(name).matches();
    }

    @Override
    public String toString() {
        return glob;
    }
}
