package dev.ironkube.provider.scaleway;

import com.fasterxml.jackson.annotation.JsonAlias;
import java.util.List;

/**
 * One page of a Scaleway list. Each list names its array after the resource ({@code offers}, {@code
 * os}, {@code servers}, {@code ssh_keys}); all carry {@code total_count}, which is how a reader
 * knows it has everything.
 */
public record ScwList<T>(
    @JsonAlias({"offers", "os", "servers", "ssh_keys"}) List<T> items, Long totalCount) {

  public List<T> itemsOrEmpty() {
    return items == null ? List.of() : items;
  }
}
