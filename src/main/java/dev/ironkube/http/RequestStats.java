package dev.ironkube.http;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Counts requests by endpoint ("METHOD path-template"), reads and writes apart, because providers
 * budget them apart (Latitude: 60 reads and 20 writes per minute). Every attempt counts: a retry
 * spends budget like any other request.
 */
public final class RequestStats implements Consumer<RequestLogEntry> {
  private final Map<String, LongAdder> byEndpoint = new ConcurrentHashMap<>();
  private final LongAdder reads = new LongAdder();
  private final LongAdder writes = new LongAdder();

  @Override
  public void accept(RequestLogEntry entry) {
    byEndpoint.computeIfAbsent(entry.endpoint(), k -> new LongAdder()).increment();
    (entry.isRead() ? reads : writes).increment();
  }

  public long reads() {
    return reads.sum();
  }

  public long writes() {
    return writes.sum();
  }

  public long total() {
    return reads() + writes();
  }

  /** A sorted snapshot. */
  public Map<String, Long> byEndpoint() {
    Map<String, Long> snapshot = new TreeMap<>();
    byEndpoint.forEach((endpoint, count) -> snapshot.put(endpoint, count.sum()));
    return snapshot;
  }

  public long count(String endpoint) {
    LongAdder count = byEndpoint.get(endpoint);
    return count == null ? 0 : count.sum();
  }
}
