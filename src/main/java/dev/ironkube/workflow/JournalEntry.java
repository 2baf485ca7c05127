package dev.ironkube.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/**
 * One line of a cluster's journal.
 *
 * @param type what happened: "intent", "created", "deleted", "acted", "phase-done", "value",
 *     "outcome"
 * @param system which client owns the resource ("latitude", "talos", ...)
 * @param action what was (to be) done ("create project", "delete server", "apply config")
 * @param kind resource kind for intents/created/deleted
 * @param id resource id once known
 * @param name the resource's marker name or the value's key
 * @param data small public details (never secrets)
 * @param act for "intent" and "acted" lines, what kind of action it is (written as {@code "act"};
 *     lines from before it existed get it derived from {@code action} when read)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record JournalEntry(
    Instant at,
    String type,
    String system,
    String action,
    String kind,
    String id,
    String name,
    Map<String, String> data,
    ActionKind act) {

  /** An entry that records no action kind (resources, values, phases, outcomes). */
  public JournalEntry(
      Instant at,
      String type,
      String system,
      String action,
      String kind,
      String id,
      String name,
      Map<String, String> data) {
    this(at, type, system, action, kind, id, name, data, null);
  }

  public static final String INTENT = "intent";
  public static final String CREATED = "created";
  public static final String DELETED = "deleted";
  public static final String ACTED = "acted";
  public static final String PHASE_DONE = "phase-done";
  public static final String VALUE = "value";
  public static final String OUTCOME = "outcome";
}
