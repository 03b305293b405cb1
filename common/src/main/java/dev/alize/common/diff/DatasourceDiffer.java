package dev.alize.common.diff;

import dev.alize.common.datasource.Datasource;
import dev.alize.common.datasource.DatasourceInfo;
import dev.alize.common.datasource.EffectiveModel;
import dev.alize.common.datasource.EffectiveVariable;
import dev.alize.common.datasource.Release;
import dev.alize.common.datasource.Service;
import dev.alize.common.datasource.Value;
import dev.alize.common.datasource.VariableDefinition;
import dev.alize.common.version.Bump;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Compares two versions of a datasource. A removal or a narrowing is MAJOR, because it can break
 * what consumers built on the old version; an addition is MINOR; anything else is PATCH.
 */
public final class DatasourceDiffer {

  private DatasourceDiffer() {}

  public static DatasourceDiff diff(Datasource before, Datasource after) {
    List<Change> changes = new ArrayList<>();
    info(before.info(), after.info(), changes);
    for (String release : union(before.releases(), after.releases())) {
      Release old = before.releases().get(release);
      Release now = after.releases().get(release);
      if (old == null || now == null) {
        changes.add(addedOrRemoved(Subject.RELEASE, release, old == null));
        Datasource side = old == null ? after : before;
        // Its models are listed too, so that the change summary counts them.
        side.models()
            .getOrDefault(release, Map.of())
            .keySet()
            .forEach(
                m -> changes.add(addedOrRemoved(Subject.MODEL, release + "/" + m, old == null)));
        continue;
      }
      Details d = new Details();
      d.patch("codename", old.codename(), now.codename());
      d.patch("status", old.status().yamlName(), now.status().yamlName());
      d.patch("end of support", old.endOfSupport(), now.endOfSupport());
      d.patch("description", old.description(), now.description());
      d.addTo(changes, Subject.RELEASE, release);
      // A release without models, or without services, has no map of them.
      services(
          release,
          before.services().getOrDefault(release, Map.of()),
          after.services().getOrDefault(release, Map.of()),
          changes);
      models(
          release,
          before.models().getOrDefault(release, Map.of()),
          after.models().getOrDefault(release, Map.of()),
          changes);
    }
    return new DatasourceDiff(changes);
  }

  private static void info(DatasourceInfo old, DatasourceInfo now, List<Change> changes) {
    Details d = new Details();
    d.patch("title", old.title(), now.title());
    d.patch("maintainer", old.maintainer(), now.maintainer());
    d.patch("description", old.description(), now.description());
    d.patch("homepage", old.homepage(), now.homepage());
    d.addTo(changes, Subject.DATASOURCE, now.name());
  }

  private static void services(
      String release, Map<String, Service> before, Map<String, Service> after, List<Change> out) {
    for (String name : union(before, after)) {
      Service old = before.get(name);
      Service now = after.get(name);
      String path = release + "/" + name;
      if (old == null || now == null) {
        out.add(addedOrRemoved(Subject.SERVICE, path, old == null));
        continue;
      }
      Details d = new Details();
      d.patch("description", old.description(), now.description());
      d.patch("packages", old.packages(), now.packages());
      d.addTo(out, Subject.SERVICE, path);
      for (String variable : union(old.variables(), now.variables())) {
        VariableDefinition a = old.variables().get(variable);
        VariableDefinition b = now.variables().get(variable);
        String varPath = path + "/" + variable;
        if (a == null || b == null) {
          out.add(addedOrRemoved(Subject.VARIABLE, varPath, a == null));
          continue;
        }
        Details vd = new Details();
        definition(a, b, vd, "");
        vd.patch("default", show(a.defaultValue()), show(b.defaultValue()));
        vd.patch("description", a.description(), b.description());
        vd.addTo(out, Subject.VARIABLE, varPath);
      }
    }
  }

  /** Type and constraints: narrowing is MAJOR, widening PATCH. */
  private static void definition(
      VariableDefinition a, VariableDefinition b, Details d, String prefix) {
    if (!a.typeName().equals(b.typeName())) {
      d.add(Bump.MAJOR, prefix + "type: " + a.typeName() + " -> " + b.typeName());
      return;
    }
    if (!Objects.equals(a.min(), b.min())) {
      boolean narrower = b.min() != null && (a.min() == null || b.min() > a.min());
      d.add(
          narrower ? Bump.MAJOR : Bump.PATCH,
          prefix + "min: " + show(a.min()) + " -> " + show(b.min()));
    }
    if (!Objects.equals(a.max(), b.max())) {
      boolean narrower = b.max() != null && (a.max() == null || b.max() < a.max());
      d.add(
          narrower ? Bump.MAJOR : Bump.PATCH,
          prefix + "max: " + show(a.max()) + " -> " + show(b.max()));
    }
    List<String> removed = a.choices().stream().filter(c -> !b.choices().contains(c)).toList();
    List<String> added = b.choices().stream().filter(c -> !a.choices().contains(c)).toList();
    if (!removed.isEmpty()) {
      d.add(Bump.MAJOR, prefix + "choices removed: " + removed);
    }
    if (!added.isEmpty()) {
      d.add(Bump.PATCH, prefix + "choices added: " + added);
    }
    if (!Objects.equals(a.pattern(), b.pattern())) {
      d.add(
          b.pattern() == null ? Bump.PATCH : Bump.MAJOR,
          prefix + "pattern: " + show(a.pattern()) + " -> " + show(b.pattern()));
    }
  }

  private static void models(
      String release,
      Map<String, EffectiveModel> before,
      Map<String, EffectiveModel> after,
      List<Change> out) {
    for (String name : union(before, after)) {
      EffectiveModel old = before.get(name);
      EffectiveModel now = after.get(name);
      String path = release + "/" + name;
      if (old == null || now == null) {
        out.add(addedOrRemoved(Subject.MODEL, path, old == null));
        continue;
      }
      if (old.contentHash().equals(now.contentHash())) {
        continue;
      }
      Details d = new Details();
      d.patch("title", old.model().title(), now.model().title());
      d.patch("description", old.model().description(), now.model().description());
      d.patch("extends", old.model().parent(), now.model().parent());
      for (String s : old.services()) {
        if (!now.services().contains(s)) {
          d.add(Bump.MAJOR, "service removed: " + s);
        }
      }
      for (String s : now.services()) {
        if (!old.services().contains(s)) {
          d.add(Bump.MINOR, "service added: " + s);
        }
      }
      for (String v : union(old.variables(), now.variables())) {
        EffectiveVariable a = old.variables().get(v);
        EffectiveVariable b = now.variables().get(v);
        if (a == null || b == null) {
          d.add(
              a == null ? Bump.MINOR : Bump.MAJOR,
              "variable " + (a == null ? "added" : "removed") + ": " + v);
          continue;
        }
        // Equal definitions, the usual case, have equal constraints: no need to take them apart.
        if (!a.definition().equals(b.definition())) {
          definition(
              a.definition().constraintsOnly(), b.definition().constraintsOnly(), d, v + " ");
        }
        if (!Objects.equals(a.value(), b.value())) {
          d.add(Bump.PATCH, "value of " + v + ": " + show(a.value()) + " -> " + show(b.value()));
        } else if (!Objects.equals(a.source(), b.source())) {
          d.add(Bump.PATCH, "value of " + v + " now set by " + show(b.source()));
        }
      }
      if (d.isEmpty()) {
        d.add(Bump.PATCH, "variable descriptions or defaults changed");
      }
      d.addTo(out, Subject.MODEL, path);
    }
  }

  private static Change addedOrRemoved(Subject subject, String path, boolean added) {
    return new Change(
        added ? ChangeKind.ADDED : ChangeKind.REMOVED,
        subject,
        path,
        List.of(),
        added ? Bump.MINOR : Bump.MAJOR);
  }

  private static TreeSet<String> union(Map<String, ?> a, Map<String, ?> b) {
    TreeSet<String> keys = new TreeSet<>();
    if (a != null) {
      keys.addAll(a.keySet());
    }
    if (b != null) {
      keys.addAll(b.keySet());
    }
    return keys;
  }

  private static String show(Object value) {
    if (value == null) {
      return "(none)";
    }
    return value instanceof Value v ? v.display() : value.toString();
  }

  /** The detail lines of one changed item and the largest bump among them. */
  private static final class Details {
    private final List<String> lines = new ArrayList<>();
    private Bump bump = Bump.NONE;

    void add(Bump b, String line) {
      lines.add(line);
      bump = bump.max(b);
    }

    <T> void patch(String what, T old, T now) {
      if (!Objects.equals(old, now)) {
        Function<T, String> s = DatasourceDiffer::show;
        add(Bump.PATCH, what + ": " + s.apply(old) + " -> " + s.apply(now));
      }
    }

    boolean isEmpty() {
      return lines.isEmpty();
    }

    void addTo(List<Change> out, Subject subject, String path) {
      if (!lines.isEmpty()) {
        out.add(new Change(ChangeKind.CHANGED, subject, path, lines, bump));
      }
    }
  }
}
