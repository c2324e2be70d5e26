package com.snc.discovery;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the agent's answer to {@code POST /v1/resolve} into credential fields or an exception.
 *
 * <p>A 200 carries {@code {"credential":{...}}}; any other status carries
 * {@code {"error":{"code","message","fix","evidence":[{"label","value"}]}}}, which becomes a
 * {@link MidkvResolverException} with the agent's code. Anything else is {@code agent.protocol};
 * those messages describe the reply's shape and never quote its content.
 */
final class MidkvAgentReply {
    private static final int MAX_FIELD_LENGTH = 1000;

    private MidkvAgentReply() {}

    /** Returns the credential's fields, or throws the failure the agent or the reply stands for. */
    static Map<String, String> credential(MidkvHttpResponse response, MidkvAgentClient client) {
        Object document = parse(response, client);
        if (response.status() != 200) {
            throw agentFailure(response, document, client);
        }
        if (!(member(document, "credential") instanceof Map<?, ?> fields)) {
            throw client.protocolError("the HTTP 200 reply has no \"credential\" object", null);
        }

        Map<String, String> credential = new HashMap<>();
        for (Map.Entry<?, ?> field : fields.entrySet()) {
            if (field.getValue() instanceof String value) {
                credential.put((String) field.getKey(), value);
            } else if (field.getValue() != null) {
                throw client.protocolError("credential field \"" + MidkvText.oneLine((String) field.getKey(), 60)
                    + "\" is not a string", null);
            }
        }
        return credential;
    }

    private static Object parse(MidkvHttpResponse response, MidkvAgentClient client) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(response.body())).toString();
            return MidkvJson.decode(text);
        } catch (CharacterCodingException | MidkvJson.MalformedException error) {
            if (response.status() == 200) {
                throw client.protocolError("the HTTP 200 reply is not JSON (" + response.body().length
                    + " bytes, Content-Type " + response.contentType() + ", " + error.getMessage() + ")", null);
            }
            return null;
        }
    }

    private static MidkvResolverException agentFailure(
        MidkvHttpResponse response,
        Object document,
        MidkvAgentClient client
    ) {
        Object error = member(document, "error");
        if (!(member(error, "code") instanceof String code) || code.isBlank()) {
            return client.protocolError("it answered HTTP " + response.status() + " without a midkv error ("
                + response.body().length + " bytes, Content-Type " + response.contentType() + ")", null);
        }
        String message = text(member(error, "message"));
        String detail = (message.isEmpty() ? "The agent reported this failure without a message." : message)
            + evidence(member(error, "evidence"));
        return new MidkvResolverException(
            MidkvText.oneLine(code, 100), detail, text(member(error, "fix")), null);
    }

    /** Renders evidence as {@code  (label: value; label: value)}, or nothing when there is none. */
    private static String evidence(Object items) {
        if (!(items instanceof List<?> list) || list.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (Object item : list) {
            out.append(out.length() == 0 ? " (" : "; ")
                .append(text(member(item, "label")))
                .append(": ")
                .append(text(member(item, "value")));
        }
        return out.append(')').toString();
    }

    private static Object member(Object object, String name) {
        return object instanceof Map<?, ?> map ? map.get(name) : null;
    }

    private static String text(Object value) {
        return value instanceof String string ? MidkvText.oneLine(string, MAX_FIELD_LENGTH) : "";
    }
}
