package dev.ironkube.harness.bench;

import dev.ironkube.sim.RequestLog;
import dev.ironkube.sim.latitude.LatitudeApi;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What one run asked of the provider, from the simulator's request log: requests by endpoint, reads
 * and writes, and the rates that Latitude's per-key limits (60 reads and 20 writes a minute) apply
 * to, per minute of modelled time.
 *
 * @param byEndpoint "latitude GET /servers/{id}" and the like, with counts
 * @param reads provider GETs
 * @param writes provider POST/PUT/PATCH/DELETE
 * @param servers servers ordered
 * @param statusReads reads of server status while waiting for the node to boot
 * @param readsPerMinute provider reads per modelled minute of the whole run
 * @param writesPerMinute provider writes per modelled minute of the whole run
 * @param statusReadsPerServerMinute status reads per server per modelled minute of the boot wait
 */
record RequestBudget(
    Map<String, Long> byEndpoint,
    long reads,
    long writes,
    long servers,
    long statusReads,
    double readsPerMinute,
    double writesPerMinute,
    double statusReadsPerServerMinute) {
  static final int LATITUDE_READS_PER_MINUTE = 60;
  static final int LATITUDE_WRITES_PER_MINUTE = 20;

  // Latitude ids are a short prefix and 13 random characters (sv_…, proj_…); long hex is an id too.
  private static final Pattern ID = Pattern.compile("[a-z]{2,5}_[A-Za-z0-9]{10,}|[0-9a-f]{32,}");

  static String endpoint(RequestLog.Entry e) {
    StringBuilder path = new StringBuilder();
    for (String segment : e.path().split("/")) {
      if (!segment.isEmpty()) {
        path.append('/').append(ID.matcher(segment).matches() ? "{id}" : segment);
      }
    }
    return e.api() + " " + e.method() + " " + (path.isEmpty() ? "/" : path);
  }

  /**
   * @param modelledMinutes the run's wall time divided by the scale
   * @param bootWaitMinutes modelled minutes from the order to the tool seeing Talos up
   */
  static RequestBudget of(
      List<RequestLog.Entry> log, double modelledMinutes, double bootWaitMinutes) {
    Map<String, Long> counts = new TreeMap<>();
    long reads = 0;
    long writes = 0;
    long servers = 0;
    long status = 0;
    for (RequestLog.Entry e : log) {
      String ep = endpoint(e);
      counts.merge(ep, 1L, Long::sum);
      if (!e.api().equals(LatitudeApi.API)) {
        continue;
      }
      if (e.mutating()) {
        writes++;
      } else {
        reads++;
      }
      if (ep.endsWith("POST /servers") && e.status() / 100 == 2) {
        servers++;
      }
      if (ep.endsWith("GET /servers/{id}") || ep.endsWith("GET /servers")) {
        status++;
      }
    }
    long perServer = Math.max(1, servers);
    return new RequestBudget(
        counts,
        reads,
        writes,
        servers,
        status,
        rate(reads, modelledMinutes),
        rate(writes, modelledMinutes),
        rate(status, bootWaitMinutes) / perServer);
  }

  private static double rate(long count, double minutes) {
    return minutes <= 0 ? 0 : count / minutes;
  }
}
