package dev.alize.consumer.persistence;

/** What a database's migration history says of its schema. */
public sealed interface SchemaState {

  /** As messages say it. */
  String shown();

  /** No history: a new, empty database. */
  record Empty() implements SchemaState {
    @Override
    public String shown() {
      return "no schema";
    }
  }

  /** Every migration up to {@code version} applied. */
  record At(int version) implements SchemaState {
    @Override
    public String shown() {
      return "version " + version;
    }
  }

  /** A migration that failed half-way, which needs a person before anything else runs. */
  record Failed(String version, String description) implements SchemaState {
    @Override
    public String shown() {
      return "failed migration " + version;
    }
  }
}
