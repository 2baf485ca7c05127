package dev.ironkube.sim.kube;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code Status} bodies the API server answers with, as k8s.io/apimachinery v0.36.3 {@code
 * pkg/api/errors/errors.go} builds them: the message names the qualified resource ({@code
 * deployments.apps}, or {@code configmaps} in the core group) and {@code details} carries {@code
 * name}, {@code group} (left out when empty) and {@code kind}, which holds the resource's plural.
 * Keys in the order of {@code metav1.Status}.
 */
final class ApiStatus {
  private ApiStatus() {}

  static ResourceRoutes.Answer failure(int code, String reason, String message) {
    return failure(code, reason, message, null);
  }

  private static ResourceRoutes.Answer failure(
      int code, String reason, String message, ObjectNode details) {
    ObjectNode status = JsonNodeFactory.instance.objectNode();
    status.put("kind", "Status").put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Failure").put("message", message).put("reason", reason);
    if (details != null) {
      status.set("details", details);
    }
    status.put("code", code);
    return new ResourceRoutes.Answer(code, status);
  }

  /** {@code NewNotFound}: 404 {@code <resource>[.<group>] "<name>" not found}. */
  static ResourceRoutes.Answer notFound(ApiKind kind, String name) {
    return failure(
        404,
        "NotFound",
        qualified(kind) + " \"" + name + "\" not found",
        details(name, kind.group(), kind.plural()));
  }

  /** {@code NewAlreadyExists}: 409 {@code <resource>[.<group>] "<name>" already exists}. */
  static ResourceRoutes.Answer alreadyExists(ApiKind kind, String name) {
    return failure(
        409,
        "AlreadyExists",
        qualified(kind) + " \"" + name + "\" already exists",
        details(name, kind.group(), kind.plural()));
  }

  /**
   * {@code NewConflict} with the registry's optimistic-lock text (k8s.io/apiserver v0.36.3 {@code
   * pkg/registry/generic/registry/store.go}, {@code OptimisticLockErrorMsg}).
   */
  static ResourceRoutes.Answer conflict(ApiKind kind, String name) {
    return failure(
        409,
        "Conflict",
        "Operation cannot be fulfilled on "
            + qualified(kind)
            + " \""
            + name
            + "\": the object has been modified; please apply your changes to the latest version"
            + " and try again",
        details(name, kind.group(), kind.plural()));
  }

  /**
   * {@code NewInvalid} for one field: 422 {@code <Kind>[.<group>] "<name>" is invalid: <field>:
   * <Type>: <detail>}, with the field in {@code details.causes}. {@code details.kind} is the Kind
   * here, not the resource.
   */
  static ResourceRoutes.Answer invalid(
      String group, String kindName, String name, String field, String type, String detail) {
    ObjectNode details = details(name, group, kindName);
    ObjectNode cause = details.putArray("causes").addObject();
    String reasonType =
        switch (type) {
          case "Required value" -> "FieldValueRequired";
          case "Forbidden" -> "FieldValueForbidden";
          default -> "FieldValueInvalid";
        };
    cause.put("reason", reasonType).put("message", type + ": " + detail).put("field", field);
    String qualifiedKind = group.isEmpty() ? kindName : kindName + "." + group;
    return failure(
        422,
        "Invalid",
        qualifiedKind + " \"" + name + "\" is invalid: " + field + ": " + type + ": " + detail,
        details);
  }

  /**
   * What a delete that took effect at once answers ({@code finalizeDelete} in the registry's
   * store.go): 200 and a {@code Status} of {@code Success} naming the object, without a code.
   */
  static ResourceRoutes.Answer deleted(ApiKind kind, String name, String uid) {
    ObjectNode status = JsonNodeFactory.instance.objectNode();
    status.put("kind", "Status").put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Success");
    ObjectNode details = details(name, kind.group(), kind.plural());
    details.put("uid", uid);
    status.set("details", details);
    return new ResourceRoutes.Answer(200, status);
  }

  private static ObjectNode details(String name, String group, String kind) {
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    if (!name.isEmpty()) {
      details.put("name", name);
    }
    if (!group.isEmpty()) {
      details.put("group", group);
    }
    details.put("kind", kind);
    return details;
  }

  private static String qualified(ApiKind kind) {
    return kind.group().isEmpty() ? kind.plural() : kind.plural() + "." + kind.group();
  }
}
