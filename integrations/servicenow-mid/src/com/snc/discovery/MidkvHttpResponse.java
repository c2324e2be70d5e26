package com.snc.discovery;

import java.util.Map;

/**
 * One HTTP response from the agent.
 *
 * @param status the status code
 * @param headers header values by lower-case name; the last one wins
 * @param body the body bytes, de-chunked
 */
record MidkvHttpResponse(int status, Map<String, String> headers, byte[] body) {
    /** The Content-Type header, or {@code "none"}, safe to show in one line. */
    String contentType() {
        return MidkvText.oneLine(headers.getOrDefault("content-type", "none"), 80);
    }
}
