package dev.ironkube.sim.scaleway;

import java.util.List;

/**
 * {@code page} (1-based) and {@code page_size}. IAM documents 1–100 and refuses more; baremetal
 * documents no cap, and answered 32 offers in one page without a size, so its default is 50.
 */
record ScwPage(int page, int size) {

  /** The page asked for, or null when the parameters are out of range. */
  static ScwPage of(ScwRequest request, int defaultSize) {
    try {
      int page = request.query("page") == null ? 1 : Integer.parseInt(request.query("page"));
      String rawSize = request.query("page_size");
      int size = rawSize == null ? defaultSize : Integer.parseInt(rawSize);
      return page < 1 || size < 1 || size > 100 ? null : new ScwPage(page, size);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static ScwReply invalid() {
    return ScwJson.invalid("page_size", "constraint", "page_size must be between 1 and 100");
  }

  <T> List<T> slice(List<T> all) {
    long from = (long) (page - 1) * size;
    if (from >= all.size()) {
      return List.of();
    }
    return all.subList((int) from, (int) Math.min(all.size(), from + size));
  }
}
