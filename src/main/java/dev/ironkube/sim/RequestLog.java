package dev.ironkube.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Every request the simulated APIs received, in arrival order, so tests can assert request budgets
 * and that a dry run sent nothing that mutates. Credentials are never recorded.
 */
public final class RequestLog {
  private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");

  /**
   * One request.
   *
   * @param api which fake answered ("latitude", "factory")
   * @param method the HTTP method
   * @param path the path without the query
   * @param query the raw query, or empty
   * @param status the status answered, or {@link #DROPPED} when the connection was dropped
   */
  public record Entry(String api, String method, String path, String query, int status) {
    public static final int DROPPED = 0;

    public boolean mutating() {
      return MUTATING.contains(method);
    }

    @Override
    public String toString() {
      return api
          + " "
          + method
          + " "
          + path
          + (query.isEmpty() ? "" : "?" + query)
          + " -> "
          + status;
    }
  }

  private final List<Entry> entries = new ArrayList<>();

  public synchronized void add(Entry entry) {
    entries.add(entry);
  }

  public synchronized List<Entry> entries() {
    return List.copyOf(entries);
  }

  public synchronized List<Entry> matching(Predicate<Entry> filter) {
    return entries.stream().filter(filter).toList();
  }

  /** Requests that could have changed something (POST, PUT, PATCH, DELETE). */
  public List<Entry> mutating() {
    return matching(Entry::mutating);
  }

  public List<Entry> of(String api) {
    return matching(e -> e.api().equals(api));
  }

  public synchronized void clear() {
    entries.clear();
  }
}
