package dev.ironkube.provider.latitude;

import java.util.List;

/**
 * A list answer, {@code {"data": [...], "meta": {}}}. Latitude sends no links and an empty meta, so
 * the only sign of the last page is a page shorter than the size asked for.
 */
public record LatPage<T>(List<T> data) {
  public List<T> items() {
    return data == null ? List.of() : data;
  }
}
