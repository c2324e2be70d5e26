package com.snc.discovery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one HTTP/1.1 response: status line, headers, then a body framed by Content-Length, by
 * chunked transfer coding, or by the end of the connection.
 */
final class MidkvHttpReader {
    static final int MAX_HEAD_BYTES = 16 * 1024;
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.[01] ([1-5][0-9][0-9])(?: .*)?");

    private final Input input;
    private final byte[] buffer = new byte[8192];
    private int start;
    private int end;

    /** Where the bytes come from; {@link #read} blocks until it has some, or returns -1 at the end. */
    interface Input {
        int read(ByteBuffer target) throws IOException;
    }

    /** A reply that breaks HTTP framing; the message describes the fault, never the content. */
    static final class ProtocolException extends IOException {
        private static final long serialVersionUID = 1L;

        ProtocolException(String message) {
            super(message);
        }
    }

    MidkvHttpReader(Input input) {
        this.input = input;
    }

    /** Reads the whole response. */
    MidkvHttpResponse readResponse() throws IOException {
        Matcher status = STATUS_LINE.matcher(readLine());
        if (!status.matches()) {
            throw new ProtocolException("the reply does not start with an HTTP/1.1 status line");
        }
        Map<String, String> headers = readHeaders();
        return new MidkvHttpResponse(Integer.parseInt(status.group(1)), headers, readBody(headers));
    }

    private Map<String, String> readHeaders() throws IOException {
        Map<String, String> headers = new HashMap<>();
        int headBytes = 0;
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            headBytes += line.length() + 2;
            if (headBytes > MAX_HEAD_BYTES) {
                throw new ProtocolException("the header section is longer than " + MAX_HEAD_BYTES + " bytes");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new ProtocolException("a header line has no name");
            }
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        return headers;
    }

    private byte[] readBody(Map<String, String> headers) throws IOException {
        String coding = headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT);
        String length = headers.get("content-length");
        if (coding.endsWith("chunked")) {
            return readChunked();
        }
        if (length != null) {
            return readExactly(parseLength(length, 10), new ByteArrayOutputStream()).toByteArray();
        }
        return readToEnd();
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = chunkSize(); size > 0; size = chunkSize()) {
            if (body.size() + size > MAX_BODY_BYTES) {
                throw tooLong();
            }
            readExactly(size, body);
            if (!readLine().isEmpty()) {
                throw new ProtocolException("a chunk is longer than its size line says");
            }
        }
        while (!readLine().isEmpty()) {
            continue; // trailer fields carry nothing the resolver needs
        }
        return body.toByteArray();
    }

    private int chunkSize() throws IOException {
        String line = readLine();
        int extension = line.indexOf(';');
        return parseLength(extension < 0 ? line : line.substring(0, extension), 16);
    }

    private int parseLength(String text, int radix) throws ProtocolException {
        String digits = text.trim();
        if (digits.isEmpty() || digits.length() > 8 || Character.digit(digits.charAt(0), radix) < 0) {
            throw new ProtocolException("a body length is not a number");
        }
        try {
            int value = Integer.parseInt(digits, radix);
            if (value > MAX_BODY_BYTES) {
                throw tooLong();
            }
            return value;
        } catch (NumberFormatException error) {
            throw new ProtocolException("a body length is not a number");
        }
    }

    private static ProtocolException tooLong() {
        return new ProtocolException("the body is longer than " + MAX_BODY_BYTES + " bytes");
    }

    private ByteArrayOutputStream readExactly(int count, ByteArrayOutputStream out) throws IOException {
        int remaining = count;
        while (remaining > 0) {
            if (start == end && !fill()) {
                throw new ProtocolException("the connection ended inside the body");
            }
            int taken = Math.min(remaining, end - start);
            out.write(buffer, start, taken);
            start += taken;
            remaining -= taken;
        }
        return out;
    }

    private byte[] readToEnd() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        do {
            if (body.size() + end - start > MAX_BODY_BYTES) {
                throw tooLong();
            }
            body.write(buffer, start, end - start);
            start = end;
        } while (fill());
        return body.toByteArray();
    }

    /** One line of the status, header or chunk framing, without its CRLF (a bare LF is accepted). */
    private String readLine() throws IOException {
        int scanned = 0;
        while (true) {
            for (; start + scanned < end; scanned++) {
                if (buffer[start + scanned] == '\n') {
                    return takeLine(start + scanned);
                }
            }
            if (!fill()) {
                throw new ProtocolException("the connection ended before the reply was complete");
            }
        }
    }

    private String takeLine(int newline) {
        int length = newline > start && buffer[newline - 1] == '\r' ? newline - 1 - start : newline - start;
        String line = new String(buffer, start, length, StandardCharsets.ISO_8859_1);
        start = newline + 1;
        return line;
    }

    /** Reads more bytes, moving what is left to the front first; false at the end of input. */
    private boolean fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buffer.length) {
            throw new ProtocolException("a framing line is longer than " + buffer.length + " bytes");
        }
        int count = input.read(ByteBuffer.wrap(buffer, end, buffer.length - end));
        if (count < 0) {
            return false;
        }
        end += count;
        return true;
    }
}
