package dev.ironkube.sim.latitude;

import java.util.List;
import java.util.Map;

/**
 * Latitude's pagination: {@code page[number]} from 1 and {@code page[size]} defaulting to 20, no
 * links and no totals, so a client must keep asking until a page comes back short.
 */
record Page(int number, int size) {
  static final int DEFAULT_SIZE = 20;

  /** The page a query asks for, or null when a parameter is not a positive number. */
  static Page of(Map<String, String> query) {
    Integer number = positive(query.getOrDefault("page[number]", "1"));
    Integer size = positive(query.getOrDefault("page[size]", String.valueOf(DEFAULT_SIZE)));
    return number == null || size == null ? null : new Page(number, size);
  }

  <T> List<T> slice(List<T> all) {
    long from = (long) (number - 1) * size;
    if (from >= all.size()) {
      return List.of();
    }
    return all.subList((int) from, (int) Math.min(all.size(), from + size));
  }

  private static Integer positive(String raw) {
    try {
      int value = Integer.parseInt(raw.trim());
      return value >= 1 ? value : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
