package dev.ironkube.harness.bench;

import dev.ironkube.sim.SimEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The waits of a provision, each paired with the simulated event it waits for and the progress step
 * that ends when the tool notices it. The lag of a wait is the step's end minus the later of the
 * event and the step's start: a wait cannot notice what happened before it began looking, and an
 * event that came first costs nothing to find.
 */
final class Waits {
  /** One wait: its label, the event, and which step title ends it. */
  record Wait(String label, String event, Predicate<String> step) {}

  /** One wait's lag in one run, in wall-clock milliseconds. */
  record Lag(String label, double millis) {}

  static final List<Wait> ALL =
      List.of(
          new Wait(
              "Talos boot (maintenance API)",
              SimEvents.TALOS_MAINTENANCE,
              t -> t.startsWith("Waiting for ") && t.endsWith(" to boot Talos")),
          new Wait(
              "mTLS after apply + reboot",
              SimEvents.TALOS_MTLS,
              t -> t.endsWith(": waiting for mTLS with our CA")),
          new Wait(
              "bootstrap accepted",
              SimEvents.BOOTSTRAP_READY,
              t -> t.endsWith(": bootstrapping etcd")),
          new Wait(
              "etcd/kubelet/apid/trustd healthy",
              SimEvents.SERVICES_HEALTHY,
              t -> t.endsWith(": waiting for etcd, kubelet, apid and trustd")),
          new Wait(
              "Kubernetes API + node Ready",
              SimEvents.KUBERNETES_READY,
              t -> t.endsWith(": waiting for the Kubernetes API and the node to be Ready")));

  private Waits() {}

  /** The lag of every wait that both happened and was noticed in this run. */
  static List<Lag> lags(SimEvents events, List<StepRecorder.Span> spans) {
    List<Lag> out = new ArrayList<>();
    for (Wait w : ALL) {
      var event = events.first(w.event());
      var span = spans.stream().filter(s -> s.ok() && w.step().test(s.title())).findFirst();
      if (event.isPresent() && span.isPresent()) {
        long from = Math.max(event.get().nanos(), span.get().startNanos());
        out.add(new Lag(w.label(), Math.max(0, span.get().endNanos() - from) / 1e6));
      }
    }
    return out;
  }
}
