package dev.alize.common.datasource;

import java.util.List;
import java.util.stream.Collectors;

/** A typed variable value, already checked against its definition. */
public sealed interface Value permits Value.Text, Value.Int, Value.Bool, Value.ListOf {

  /** The value as a plain Java object: String, Long, Boolean or List of those. */
  Object toPlain();

  /** The value as a maintainer would write it in YAML flow style. */
  String display();

  /** Text, and every type written as text: ip, cidr, hostname, choice, password. */
  record Text(String value) implements Value {
    @Override
    public Object toPlain() {
      return value;
    }

    @Override
    public String display() {
      return value.isEmpty() ? "\"\"" : value;
    }
  }

  /** An integer or a port. */
  record Int(long value) implements Value {
    @Override
    public Object toPlain() {
      return value;
    }

    @Override
    public String display() {
      return Long.toString(value);
    }
  }

  /** A boolean. */
  record Bool(boolean value) implements Value {
    @Override
    public Object toPlain() {
      return value;
    }

    @Override
    public String display() {
      return Boolean.toString(value);
    }
  }

  /** A list of values of one type. */
  record ListOf(List<Value> items) implements Value {
    public ListOf {
      items = List.copyOf(items);
    }

    @Override
    public Object toPlain() {
      return items.stream().map(Value::toPlain).toList();
    }

    @Override
    public String display() {
      return items.stream().map(Value::display).collect(Collectors.joining(", ", "[", "]"));
    }
  }
}
