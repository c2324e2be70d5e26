package com.snc.discovery;

/** Keeps text from the agent fit for a single log line. */
final class MidkvText {
    private MidkvText() {}

    /** Replaces control characters with spaces, trims, and shortens past {@code limit} characters. */
    static String oneLine(String text, int limit) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), limit));
        for (int i = 0; i < text.length() && out.length() < limit; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? ' ' : c);
        }
        String line = out.toString().trim();
        return text.length() > limit ? line + "..." : line;
    }
}
