package dev.ironkube.cli;

import dev.ironkube.cli.ui.Ansi;
import dev.ironkube.cli.ui.DisplayWidth;
import dev.ironkube.cli.ui.Table;
import dev.ironkube.workflow.provision.ProvisionReport;
import java.io.PrintStream;
import java.math.RoundingMode;

/** The end of a run: what was built and how to reach it, or what a dry run would do. */
final class ReportPrinter {
  private ReportPrinter() {}

  static void print(CliEnvironment env, ProvisionReport r, boolean json, boolean simulated) {
    if (json) {
      Json.print(env.out(), r);
      return;
    }
    PrintStream out = env.out();
    Ansi ansi = new Ansi(env.colour());
    String price =
        r.hourlyPrice() == null
            ? "?"
            : ("USD".equals(r.currency()) ? "$" : "")
                + r.hourlyPrice().setScale(2, RoundingMode.HALF_UP).toPlainString()
                + ("USD".equals(r.currency()) ? "" : " " + r.currency())
                + "/hour";
    if ("planned".equals(r.outcome())) {
      out.println(
          "Dry run for cluster " + r.cluster() + " on " + r.provider() + " (nothing was ordered):");
      for (String line : r.planned()) {
        out.println("  would " + line);
      }
      if (r.renderedConfigs() != null) {
        out.println("  rendered configs:  " + r.renderedConfigs());
      }
      out.println("  cost once ordered: " + price);
      return;
    }
    out.println();
    String title = "🎉 Cluster " + r.cluster() + " is ready";
    // Inside the borders; the title centred by the columns it takes (the emoji takes two).
    int titleWidth = DisplayWidth.of(title);
    int width = Math.max(54, titleWidth + 2);
    int left = (width - titleWidth) / 2;
    int right = width - titleWidth - left;
    out.println(ansi.green("╭" + "─".repeat(width) + "╮"));
    out.println(ansi.green("│" + " ".repeat(left) + title + " ".repeat(right) + "│"));
    out.println(ansi.green("╰" + "─".repeat(width) + "╯"));
    out.println();
    row(out, "Cluster", r.cluster());
    boolean several = r.nodes() != null && r.nodes().size() > 1;
    if (several) {
      row(out, "Provider", r.provider());
      out.println("  Nodes:");
      Table nodes = new Table("HOSTNAME", "ROLE", "IP", "PLAN", "SITE", "SERVER");
      for (var n : r.nodes()) {
        nodes.row(
            n.hostname(),
            n.role(),
            n.ipv4() == null ? "-" : n.ipv4(),
            n.plan(),
            n.site(),
            n.serverId() == null ? "-" : n.serverId());
      }
      nodes.render().lines().forEach(line -> out.println("    " + line));
    } else {
      row(out, "Provider", r.provider() + " (" + r.plan() + " at " + r.site() + ")");
      row(out, "Server", r.hostname() + " (" + r.serverId() + ")");
      row(out, "Server IP", r.ipv4());
    }
    if (r.endpoint() != null) {
      row(out, "API endpoint", r.endpoint());
      row(out, "  why", r.endpointReason());
    }
    row(out, "Talos", r.talosVersion());
    if (r.talosconfig() != null) {
      row(out, "Talosconfig", r.talosconfig().toString());
    }
    if (r.kubeconfig() != null) {
      row(out, "Kubeconfig", r.kubeconfig().toString());
    }
    if (!r.access().isEmpty()) {
      out.println();
      r.access().forEach(line -> out.println("  " + line));
    }
    for (String note : r.notes()) {
      row(out, "Note", note);
    }
    out.println();
    if (simulated) {
      out.println(
          "  ⓘ  Simulated: nothing is billed. The simulated "
              + (several ? r.nodes().size() + " servers would bill " : "server would bill ")
              + price
              + (several ? " in total" : "")
              + ". Remove it with: ironkube destroy "
              + r.cluster()
              + " --simulate --yes");
      return;
    }
    out.println(
        ansi.yellow(
            (several
                    ? "  ⚠  These " + r.nodes().size() + " servers bill hourly at "
                    : "  ⚠  This server bills hourly at ")
                + price
                + (several ? " in total. Delete them" : ". Delete it")
                + " when done: ironkube destroy "
                + r.cluster()));
  }

  private static void row(PrintStream out, String label, String value) {
    out.printf("  %-14s %s%n", label + ":", value == null ? "-" : value);
  }
}
