package dev.ironkube.settings;

import dev.ironkube.time.HumanDuration;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations as people write them in settings: "15s", "2m", "1h30m", "250ms". */
public final class DurationParser {
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h)");

  private DurationParser() {}

  public static Duration parse(String raw) {
    String s = raw.strip();
    Matcher m = PART.matcher(s);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find()) {
      if (m.start() != end) {
        throw invalid(raw);
      }
      long n = Long.parseLong(m.group(1));
      total =
          total.plus(
              switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
              });
      end = m.end();
    }
    if (end == 0 || end != s.length()) {
      throw invalid(raw);
    }
    return total;
  }

  /** The settings' own spelling of a duration; {@link HumanDuration} is the one formatter. */
  public static String format(Duration d) {
    return HumanDuration.format(d);
  }

  private static IllegalArgumentException invalid(String raw) {
    return new IllegalArgumentException(
        "'" + raw + "' is not a duration; write it like 15s, 2m, 1h30m or 250ms");
  }
}
