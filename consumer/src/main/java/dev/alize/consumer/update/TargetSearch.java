package dev.alize.consumer.update;

import dev.alize.common.tuf.DelegatedRole;
import dev.alize.common.tuf.TargetFile;
import dev.alize.common.tuf.TargetsMetadata;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The search of the delegation graph (spec 5.6.7) over targets roles that a {@link Roles} verifies,
 * whether it fetches them or reads them from the store alone.
 */
final class TargetSearch {

  /** Gives a targets role, verified as its delegator delegates it. */
  interface Roles {
    TargetsMetadata load(String role, String delegator);
  }

  private final Roles roles;
  private final int maxDelegations;

  TargetSearch(Roles roles, int maxDelegations) {
    this.roles = roles;
    this.maxDelegations = maxDelegations;
  }

  /**
   * Finds a target by a pre-order depth-first search of the delegations, stopping at a terminating
   * role and after {@code maxDelegations} roles visited.
   */
  Optional<TargetFile> find(String path) {
    Deque<String[]> toVisit = new ArrayDeque<>();
    toVisit.push(new String[] {"targets", "root"});
    Set<String> visited = new HashSet<>();
    while (!toVisit.isEmpty() && visited.size() <= maxDelegations) {
      String[] next = toVisit.pop();
      String role = next[0];
      if (!visited.add(role)) {
        continue;
      }
      TargetsMetadata targets = roles.load(role, next[1]);
      TargetFile found = targets.targets().get(path);
      if (found != null) {
        return Optional.of(found);
      }
      List<DelegatedRole> children =
          targets.delegations().stream().filter(d -> d.isDelegatedPath(path)).toList();
      Deque<String[]> pushed = new ArrayDeque<>();
      for (DelegatedRole child : children) {
        pushed.push(new String[] {child.name(), role});
        if (child.terminating()) {
          toVisit.clear();
          break;
        }
      }
      // Pushed in reverse so that the first delegation is visited first.
      pushed.forEach(toVisit::push);
    }
    return Optional.empty();
  }

  /**
   * Every target the delegation graph vouches for: the paths listed by any role reachable from
   * targets (within the cap on roles), each resolved by {@link #find}, so that a delegated role
   * speaks only for the paths the search order gives it.
   */
  List<TargetFile> all() {
    Set<String> paths = new TreeSet<>();
    Deque<String[]> toVisit = new ArrayDeque<>();
    toVisit.add(new String[] {"targets", "root"});
    Set<String> visited = new HashSet<>();
    while (!toVisit.isEmpty() && visited.size() <= maxDelegations) {
      String[] next = toVisit.poll();
      if (!visited.add(next[0])) {
        continue;
      }
      TargetsMetadata targets = roles.load(next[0], next[1]);
      paths.addAll(targets.targets().keySet());
      targets.delegations().forEach(d -> toVisit.add(new String[] {d.name(), next[0]}));
    }
    List<TargetFile> found = new ArrayList<>();
    for (String path : paths) {
      find(path).ifPresent(found::add);
    }
    return found;
  }
}
