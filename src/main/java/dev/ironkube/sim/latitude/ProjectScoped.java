package dev.ironkube.sim.latitude;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/** Listing of project-scoped records (SSH keys, firewalls): paged, filtered by project. */
final class ProjectScoped {
  private ProjectScoped() {}

  /**
   * One page of {@code records}, only the project's when {@code filter[project]} names one (by id
   * or slug; an unknown one matches nothing).
   */
  static <T> Reply list(
      LatitudeRequest request,
      LatitudeState state,
      Collection<T> records,
      Function<T, String> projectOf,
      Function<T, ObjectNode> toJson) {
    Page page = Page.of(request.query());
    if (page == null) {
      return JsonApi.invalid("page", "page parameters must be positive integers");
    }
    String project = request.filter("project");
    String projectId =
        project == null ? null : state.project(project).map(ProjectRecord::id).orElse(project);
    List<ObjectNode> matching =
        records.stream()
            .filter(r -> projectId == null || projectId.equals(projectOf.apply(r)))
            .map(toJson)
            .toList();
    return Reply.of(200, JsonApi.list(page.slice(matching)));
  }
}
