package dev.alize.consumer.store;

/** A server model of one datasource: {@code RELEASE/MODEL}. */
public record ModelKey(String release, String model) implements Comparable<ModelKey> {

  @Override
  public int compareTo(ModelKey o) {
    int r = release.compareTo(o.release);
    return r != 0 ? r : model.compareTo(o.model);
  }

  @Override
  public String toString() {
    return release + "/" + model;
  }
}
