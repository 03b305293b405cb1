package dev.alize.consumer.console;

import dev.alize.common.conflict.ChildFieldNames;
import dev.alize.common.conflict.ChildOverride;
import dev.alize.common.conflict.ModelRef;
import dev.alize.common.datasource.EffectiveModel;
import dev.alize.common.datasource.EffectiveVariable;
import dev.alize.common.datasource.Service;
import dev.alize.common.datasource.Value;
import dev.alize.common.datasource.VariableDefinition;
import dev.alize.common.datasource.VariableType;
import dev.alize.consumer.admin.ChildDraft;
import dev.alize.consumer.store.StoredChild;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The form of a child model: an input for each variable of its parent and of the services it adds,
 * fitting the variable's type; a box for each service of the release; its description; and, when it
 * was refused, each problem beside the input it names, as the admin service named it in the API's
 * words ({@code set.proxy_port}, {@code addServices 'eole-vpn'}).
 *
 * @param name the child's name, or what was written for a new one
 * @param groups the variables, by the service that defines them
 * @param orphans overrides of variables that neither the parent nor an added service has
 * @param keptServices the parent's services, ticked when the child removes them
 * @param otherServices the release's other services, ticked when the child adds them
 * @param error what was refused, or null
 * @param problems every problem, each with the id of its input when it has one
 */
public record ChildEditor(
    String name,
    String nameError,
    ModelRef parent,
    List<ServiceGroup> groups,
    List<Field> orphans,
    List<ServiceBox> keptServices,
    List<ServiceBox> otherServices,
    String description,
    String descriptionError,
    String error,
    List<Problem> problems) {

  private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,19}");

  /**
   * The variables of one service.
   *
   * @param role {@code parent} for a service of the parent, {@code added} or {@code removed} when
   *     the child adds or removes it
   */
  public record ServiceGroup(String service, String role, List<Field> fields) {}

  /**
   * The input of one variable.
   *
   * @param kind how it is drawn: {@code boolean} and {@code choice} as selects whose empty option
   *     inherits, {@code number}, {@code list} (a text area, one item per line), {@code password},
   *     {@code text}
   * @param value what the input holds; empty inherits the upstream value
   * @param inherited the upstream value as YAML shows it, or null when upstream sets none
   * @param source the file that set the upstream value, or null
   * @param min the smallest number a {@code number} input takes, or null
   * @param max the largest, or null
   */
  public record Field(
      String id,
      String variable,
      String type,
      String kind,
      String value,
      String inherited,
      String source,
      String description,
      List<Option> options,
      Long min,
      Long max,
      String error) {

    /** The form field's name. */
    public String field() {
      return ChildForm.SET + variable;
    }
  }

  /** An option of a select. */
  public record Option(String value, String label, boolean selected) {}

  /** A service's box: {@code field} is {@code removeServices} or {@code addServices}. */
  public record ServiceBox(
      String id, String field, String service, String description, boolean ticked, String error) {}

  /**
   * A problem of the form.
   *
   * @param target the id of the input it is about, or null
   */
  public record Problem(String text, String target) {}

  /** The form of a new child of {@code parent}, with nothing written yet. */
  static ChildEditor blank(ModelRef ref, EffectiveModel parent, Map<String, Service> services) {
    return of(ChildForm.empty(""), ref, parent, services, null, List.of());
  }

  /** The form of {@code stored} as it is. */
  static ChildEditor of(StoredChild stored, EffectiveModel parent, Map<String, Service> services) {
    Map<String, String> values = new LinkedHashMap<>();
    for (ChildOverride o : stored.child().overrides()) {
      values.put(
          o.variable(),
          OverrideInputs.input(
              o.valueText(),
              definition(o.variable(), parent, stored.child().addedServices(), services)));
    }
    ChildForm form =
        new ChildForm(
            stored.child().name(),
            stored.child().parent(),
            values,
            stored.child().addedServices(),
            stored.child().removedServices(),
            stored.description(),
            List.of());
    return of(form, stored.child().parent(), parent, services, null, List.of());
  }

  /**
   * The form as {@code form} holds it, with {@code problems} beside their inputs.
   *
   * @param parent null when upstream no longer has it
   * @param error why it was refused, or null
   */
  static ChildEditor of(
      ChildForm form,
      ModelRef ref,
      EffectiveModel parent,
      Map<String, Service> services,
      String error,
      List<String> problems) {
    Errors errors = new Errors(problems);
    List<String> parentServices = parent == null ? List.of() : parent.services();
    Map<String, List<Field>> byService = new LinkedHashMap<>();
    Set<String> known = new LinkedHashSet<>();
    if (parent != null) {
      for (EffectiveVariable v : parent.variables().values()) {
        known.add(v.name());
        byService
            .computeIfAbsent(v.service(), s -> new ArrayList<>())
            .add(
                field(
                    v.name(),
                    v.definition(),
                    v.value(),
                    v.source(),
                    form.values().get(v.name()),
                    errors));
      }
    }
    List<ServiceGroup> groups = new ArrayList<>();
    byService.forEach(
        (service, fields) ->
            groups.add(
                new ServiceGroup(
                    service,
                    form.removeServices().contains(service) ? "removed" : "parent",
                    fields)));
    for (String added : new LinkedHashSet<>(form.addServices())) {
      Service service = services.get(added);
      if (service == null || parentServices.contains(added)) {
        continue;
      }
      List<Field> fields = new ArrayList<>();
      for (VariableDefinition d : service.variables().values()) {
        if (known.add(d.name())) {
          fields.add(
              field(
                  d.name(),
                  d,
                  d.defaultValue(),
                  d.defaultValue() == null ? null : service.file(),
                  form.values().get(d.name()),
                  errors));
        }
      }
      groups.add(new ServiceGroup(added, "added", fields));
    }
    List<Field> orphans = new ArrayList<>();
    form.values()
        .forEach(
            (variable, value) -> {
              if (!known.contains(variable) && !value.isBlank()) {
                orphans.add(field(variable, null, null, null, value, errors));
              }
            });
    List<ServiceBox> kept = new ArrayList<>();
    for (String service : parentServices) {
      kept.add(
          box(
              "removeServices",
              service,
              services.get(service),
              form.removeServices().contains(service),
              errors.take(ChildFieldNames.JSON.removeService(service), "remove-" + service)));
    }
    List<ServiceBox> others = new ArrayList<>();
    for (Service service : services.values()) {
      if (!parentServices.contains(service.name())) {
        others.add(
            box(
                "addServices",
                service.name(),
                service,
                form.addServices().contains(service.name()),
                errors.take(
                    ChildFieldNames.JSON.addService(service.name()), "add-" + service.name())));
      }
    }
    String nameError = errors.take("name", "name");
    String descriptionError = errors.take("description", "description");
    return new ChildEditor(
        form.name(),
        nameError,
        ref,
        groups,
        orphans,
        kept,
        others,
        form.description(),
        descriptionError,
        error,
        errors.problems());
  }

  /** The editor refused: {@code error} beside the name (the name is taken). */
  ChildEditor withNameTaken(String error) {
    return new ChildEditor(
        name,
        error,
        parent,
        groups,
        orphans,
        keptServices,
        otherServices,
        description,
        descriptionError,
        error,
        List.of(new Problem(error, "name")));
  }

  /**
   * The child model this form writes, named {@code name}: each value written turned into YAML by
   * its variable's type, each empty one left out so that the parent's value applies.
   */
  static ChildDraft draft(
      String name,
      ModelRef ref,
      ChildForm form,
      EffectiveModel parent,
      Map<String, Service> services) {
    Map<String, String> set = new LinkedHashMap<>();
    form.values()
        .forEach(
            (variable, value) -> {
              if (!value.isBlank()) {
                set.put(
                    variable,
                    OverrideInputs.yaml(
                        value, definition(variable, parent, form.addServices(), services)));
              }
            });
    String description =
        form.description() == null || form.description().isBlank() ? null : form.description();
    return new ChildDraft(name, ref, set, form.addServices(), form.removeServices(), description);
  }

  /**
   * The definition of a variable the child may set, found as the admin service finds it: in the
   * parent, else in a service the child adds; null when neither has it.
   */
  private static VariableDefinition definition(
      String variable, EffectiveModel parent, List<String> added, Map<String, Service> services) {
    if (parent != null && parent.variables().containsKey(variable)) {
      return parent.variables().get(variable).definition();
    }
    for (String name : added) {
      Service service = services.get(name);
      if (service != null && service.variables().containsKey(variable)) {
        return service.variables().get(variable);
      }
    }
    return null;
  }

  private static Field field(
      String variable,
      VariableDefinition definition,
      Value upstream,
      String source,
      String written,
      Errors errors) {
    String value = written == null ? "" : written;
    String id = "var-" + variable;
    String error = errors.take(ChildFieldNames.JSON.set(variable, value), id);
    if (definition == null) {
      return new Field(
          id, variable, "unknown", "text", value, null, null, null, List.of(), null, null, error);
    }
    VariableType type = definition.type();
    String inherited = upstream == null ? null : upstream.display();
    String kind;
    List<Option> options = new ArrayList<>();
    Long min = null;
    Long max = null;
    if (type == VariableType.BOOLEAN || type == VariableType.CHOICE) {
      kind = type == VariableType.BOOLEAN ? "boolean" : "choice";
      List<String> choices =
          type == VariableType.BOOLEAN ? List.of("true", "false") : definition.choices();
      options.add(
          new Option(
              "",
              inherited == null ? "inherit (not set upstream)" : "inherit (" + inherited + ")",
              value.isEmpty()));
      choices.forEach(c -> options.add(new Option(c, c, c.equals(value))));
      if (!value.isEmpty() && !choices.contains(value)) {
        // A value upstream no longer offers stays shown, so that saving does not drop it unseen.
        options.add(new Option(value, value + " (not a choice)", true));
      }
    } else if (type.isNumeric() && (value.isEmpty() || DECIMAL.matcher(value).matches())) {
      kind = "number";
      min = definition.min();
      max = definition.max();
      if (type == VariableType.PORT) {
        min = min == null ? 1 : Math.max(1, min);
        max = max == null ? 65535 : Math.min(65535, max);
      }
    } else if (type == VariableType.LIST) {
      kind = "list";
    } else if (type == VariableType.PASSWORD) {
      kind = "password";
    } else {
      kind = "text";
    }
    return new Field(
        id,
        variable,
        definition.typeName(),
        kind,
        value,
        inherited,
        source,
        definition.description(),
        options,
        min,
        max,
        error);
  }

  private static ServiceBox box(
      String field, String name, Service service, boolean ticked, String error) {
    String id = (field.equals("addServices") ? "add-" : "remove-") + name;
    return new ServiceBox(
        id, field, name, service == null ? null : service.description(), ticked, error);
  }

  /** The problems, each given to the first input it names; the others are the form's. */
  private static final class Errors {
    private final List<String> problems;
    private final String[] targets;

    Errors(List<String> problems) {
      this.problems = problems;
      this.targets = new String[problems.size()];
    }

    /**
     * What the problems say of the field named {@code name} in their words ({@code set.proxy_port},
     * {@code name}), without that name; null when nothing. They are linked to the input {@code id}.
     */
    String take(String name, String id) {
      List<String> said = new ArrayList<>();
      for (int i = 0; i < problems.size(); i++) {
        String p = problems.get(i);
        if (targets[i] == null && p.startsWith(name) && p.length() > name.length()) {
          char next = p.charAt(name.length());
          int colon = p.indexOf(": ", name.length());
          if ((next == ':' || next == ' ') && colon >= 0) {
            targets[i] = id;
            said.add(p.substring(colon + 2));
          }
        }
      }
      return said.isEmpty() ? null : String.join("; ", said);
    }

    List<Problem> problems() {
      List<Problem> out = new ArrayList<>();
      for (int i = 0; i < problems.size(); i++) {
        out.add(new Problem(problems.get(i), targets[i]));
      }
      return out;
    }
  }
}
