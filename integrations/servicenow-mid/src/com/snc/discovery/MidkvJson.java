package com.snc.discovery;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON the agent protocol needs: writing a flat object of strings, reading any document.
 *
 * <p>It exists because the resolver JAR must run inside the MID Server with no third-party jar
 * beside it. Reading yields {@code Map} (insertion order kept), {@code List}, {@code String},
 * {@code BigDecimal}, {@code Boolean} and {@code null}. Error messages give positions only, never
 * the text around them, since a reply may carry credentials.
 */
final class MidkvJson {
    private static final int MAX_DEPTH = 32;

    private final String text;
    private int position;

    private MidkvJson(String text) {
        this.text = text;
    }

    /** Writes a flat object; every character outside printable ASCII becomes a {@code \}u escape. */
    static String encodeObject(Map<String, String> fields) {
        StringBuilder out = new StringBuilder("{");
        for (Map.Entry<String, String> field : fields.entrySet()) {
            if (out.length() > 1) {
                out.append(',');
            }
            appendString(out, field.getKey());
            out.append(':');
            appendString(out, field.getValue());
        }
        return out.append('}').toString();
    }

    /** Reads one JSON document that must span the whole text. */
    static Object decode(String text) throws MalformedException {
        MidkvJson reader = new MidkvJson(text);
        Object value = reader.readValue(0);
        reader.skipWhitespace();
        if (reader.position != text.length()) {
            throw reader.malformed("unexpected data after the document");
        }
        return value;
    }

    private static void appendString(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private Object readValue(int depth) throws MalformedException {
        if (depth > MAX_DEPTH) {
            throw malformed("nesting deeper than " + MAX_DEPTH);
        }
        skipWhitespace();
        char c = peek();
        return switch (c) {
            case '{' -> readObject(depth);
            case '[' -> readArray(depth);
            case '"' -> readString();
            case 't' -> readLiteral("true", Boolean.TRUE);
            case 'f' -> readLiteral("false", Boolean.FALSE);
            case 'n' -> readLiteral("null", null);
            default -> readNumber();
        };
    }

    private Map<String, Object> readObject(int depth) throws MalformedException {
        Map<String, Object> object = new LinkedHashMap<>();
        expect('{');
        skipWhitespace();
        if (peek() == '}') {
            position++;
            return object;
        }
        do {
            skipWhitespace();
            String key = readString();
            skipWhitespace();
            expect(':');
            object.put(key, readValue(depth + 1));
            skipWhitespace();
        } while (consume(','));
        expect('}');
        return object;
    }

    private List<Object> readArray(int depth) throws MalformedException {
        List<Object> array = new ArrayList<>();
        expect('[');
        skipWhitespace();
        if (peek() == ']') {
            position++;
            return array;
        }
        do {
            array.add(readValue(depth + 1));
            skipWhitespace();
        } while (consume(','));
        expect(']');
        return array;
    }

    private String readString() throws MalformedException {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw malformed("unescaped control character in a string");
            }
            out.append(c == '\\' ? readEscape() : c);
        }
    }

    private char readEscape() throws MalformedException {
        char c = next();
        return switch (c) {
            case '"', '\\', '/' -> c;
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> readHexUnit();
            default -> throw malformed("unknown escape in a string");
        };
    }

    /** One UTF-16 unit; a surrogate pair arrives as two escapes and simply joins up in the string. */
    private char readHexUnit() throws MalformedException {
        if (position + 4 > text.length()) {
            throw malformed("truncated \\u escape");
        }
        int unit = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(position++), 16);
            if (digit < 0) {
                throw malformed("bad hex digit in a \\u escape");
            }
            unit = unit * 16 + digit;
        }
        return (char) unit;
    }

    private Object readLiteral(String word, Boolean value) throws MalformedException {
        if (!text.startsWith(word, position)) {
            throw malformed("unexpected character");
        }
        position += word.length();
        return value;
    }

    private BigDecimal readNumber() throws MalformedException {
        int start = position;
        while (position < text.length() && "+-0123456789.eE".indexOf(text.charAt(position)) >= 0) {
            position++;
        }
        String lexeme = text.substring(start, position);
        if (lexeme.isEmpty() || !lexeme.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
            position = start;
            throw malformed("unexpected character");
        }
        return new BigDecimal(lexeme);
    }

    private void skipWhitespace() {
        while (position < text.length() && " \t\r\n".indexOf(text.charAt(position)) >= 0) {
            position++;
        }
    }

    private char peek() throws MalformedException {
        if (position >= text.length()) {
            throw malformed("unexpected end of the document");
        }
        return text.charAt(position);
    }

    private char next() throws MalformedException {
        char c = peek();
        position++;
        return c;
    }

    private boolean consume(char expected) {
        if (position < text.length() && text.charAt(position) == expected) {
            position++;
            return true;
        }
        return false;
    }

    private void expect(char expected) throws MalformedException {
        if (peek() != expected) {
            throw malformed("expected '" + expected + "'");
        }
        position++;
    }

    private MalformedException malformed(String reason) {
        return new MalformedException(reason + " at offset " + position);
    }

    /** A document that is not JSON; the message holds a reason and an offset, never content. */
    static final class MalformedException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedException(String message) {
            super(message);
        }
    }
}
