package com.snc.discovery;

/**
 * A credential that could not be resolved, with midkv's stable code and the fix.
 *
 * <p>The message reads {@code midkv [code] what happened Fix: what to do} on one line, which is
 * how it shows up in the MID Server log after {@code Problem with client's CredentialResolver:}.
 * It never contains a credential value.
 */
public class MidkvResolverException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;
    private final String detail;
    private final String fix;

    /**
     * Creates the exception.
     *
     * @param code a stable dotted code such as {@code agent.unreachable}
     * @param detail what went wrong, naming inputs but no secret
     * @param fix what the operator should do; empty when unknown
     * @param cause the underlying failure, or {@code null}
     */
    public MidkvResolverException(String code, String detail, String fix, Throwable cause) {
        super(render(code, detail, fix), cause);
        this.code = code;
        this.detail = detail;
        this.fix = fix;
    }

    /** The stable code, for example {@code vault.secret-not-found}. */
    public String getCode() {
        return code;
    }

    /** What went wrong, without the code and the fix. */
    public String getDetail() {
        return detail;
    }

    /** What to do about it; empty when the agent gave no fix. */
    public String getFix() {
        return fix;
    }

    private static String render(String code, String detail, String fix) {
        String message = "midkv [" + code + "] " + detail;
        return fix.isEmpty() ? message : message + " Fix: " + fix;
    }
}
