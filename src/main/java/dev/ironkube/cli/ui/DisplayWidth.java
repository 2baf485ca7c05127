package dev.ironkube.cli.ui;

/**
 * How many terminal columns a string takes: an emoji or an East Asian wide character takes two, a
 * combining mark or a variation selector none. {@code String.length()} counts UTF-16 units, which
 * is right for neither, and a box drawn with it comes out ragged.
 */
public final class DisplayWidth {
  private DisplayWidth() {}

  public static int of(String s) {
    int width = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      width += columns(cp);
    }
    return width;
  }

  /** The string padded with spaces on the right to {@code width} columns. */
  public static String padRight(String s, int width) {
    return s + " ".repeat(Math.max(0, width - of(s)));
  }

  private static int columns(int cp) {
    int type = Character.getType(cp);
    if (type == Character.NON_SPACING_MARK
        || type == Character.ENCLOSING_MARK
        || type == Character.FORMAT
        || (cp >= 0xFE00 && cp <= 0xFE0F)) {
      return 0;
    }
    boolean wide =
        (cp >= 0x1100 && cp <= 0x115F)
            || (cp >= 0x2E80 && cp <= 0xA4CF)
            || (cp >= 0xAC00 && cp <= 0xD7A3)
            || (cp >= 0xF900 && cp <= 0xFAFF)
            || (cp >= 0xFF00 && cp <= 0xFF60)
            || (cp >= 0xFFE0 && cp <= 0xFFE6)
            || (cp >= 0x1F300 && cp <= 0x1F64F)
            || (cp >= 0x1F900 && cp <= 0x1F9FF)
            || (cp >= 0x1F680 && cp <= 0x1F6FF)
            || (cp >= 0x20000 && cp <= 0x3FFFD);
    return wide ? 2 : 1;
  }
}
