package dev.ironkube.time;

import java.time.Duration;

/**
 * The one way a duration reaches a person: as they write it ("30m", "90s" becomes "1m30s",
 * "250ms"), never Duration's ISO form ("PT30M"). The output also reads back through the settings
 * parser, which accepts the same units in sequence.
 */
public final class HumanDuration {
  private HumanDuration() {}

  public static String format(Duration d) {
    if (d.isNegative()) {
      return "-" + format(d.negated());
    }
    long millis = d.toMillis();
    if (millis == 0) {
      return d.isZero() ? "0s" : "<1ms";
    }
    StringBuilder out = new StringBuilder();
    append(out, millis / 3_600_000, "h");
    append(out, millis / 60_000 % 60, "m");
    append(out, millis / 1000 % 60, "s");
    append(out, millis % 1000, "ms");
    return out.toString();
  }

  private static void append(StringBuilder out, long amount, String unit) {
    if (amount > 0) {
      out.append(amount).append(unit);
    }
  }
}
