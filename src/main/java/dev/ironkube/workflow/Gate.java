package dev.ironkube.workflow;

import dev.ironkube.provider.ResourceRef;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The one door every state-changing call goes through: it journals the intent before the call and
 * the result right after, so a run killed at any instant leaves a journal that says what may exist.
 * Under --dry-run nothing may pass: a mutation reaching the gate then is a bug, and it is refused
 * loudly rather than sent.
 */
public final class Gate {
  private final Journal journal;
  private final boolean dryRun;

  public Gate(Journal journal, boolean dryRun) {
    this.journal = journal;
    this.dryRun = dryRun;
  }

  public Journal journal() {
    return journal;
  }

  public boolean dryRun() {
    return dryRun;
  }

  /** Creates a resource: intent, call, result with its new id. */
  public ResourceRef create(
      String system,
      String kind,
      String name,
      Map<String, String> data,
      Supplier<ResourceRef> call) {
    refuseInDryRun("create " + kind + " " + name);
    journal.append(JournalEntry.INTENT, system, "create " + kind, kind, "", name, data);
    ResourceRef ref = call.get();
    journal.append(
        JournalEntry.CREATED, system, "create " + kind, ref.kind(), ref.id(), ref.name(), data);
    return ref;
  }

  /** Records a resource that an earlier, interrupted create turned out to have made. */
  public void adopt(String system, ResourceRef ref) {
    journal.append(
        JournalEntry.CREATED,
        system,
        "adopt " + ref.kind(),
        ref.kind(),
        ref.id(),
        ref.name(),
        Map.of());
  }

  /** Deletes a resource: intent, call, result. The call treats "already gone" as success. */
  public void delete(String system, ResourceRef ref, Runnable call) {
    refuseInDryRun("delete " + ref.kind() + " " + ref.id());
    // A journal that cannot be written never stops a delete: billing stops first.
    journal.appendOrFallBack(
        JournalEntry.INTENT,
        system,
        "delete " + ref.kind(),
        ref.kind(),
        ref.id(),
        ref.name(),
        Map.of());
    call.run();
    journal.appendOrFallBack(
        JournalEntry.DELETED,
        system,
        "delete " + ref.kind(),
        ref.kind(),
        ref.id(),
        ref.name(),
        Map.of());
  }

  /** Any other state-changing call (apply a config, bootstrap etcd). */
  public <T> T act(String system, String action, Map<String, String> data, Supplier<T> call) {
    return act(system, ActionKind.OTHER, action, data, call);
  }

  /**
   * A state-changing call whose kind readers ask for ({@link ActionKind#LOCK_DOWN}); {@code action}
   * is its text for people and per-node lookups.
   */
  public <T> T act(
      String system, ActionKind kind, String action, Map<String, String> data, Supplier<T> call) {
    refuseInDryRun(action);
    journal.appendAction(JournalEntry.INTENT, system, kind, action, data);
    T result = call.get();
    journal.appendAction(JournalEntry.ACTED, system, kind, action, data);
    return result;
  }

  private void refuseInDryRun(String what) {
    if (dryRun) {
      throw new IllegalStateException(
          "dry run reached a mutating call (" + what + "); nothing was sent");
    }
  }
}
