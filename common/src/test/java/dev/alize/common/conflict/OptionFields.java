package dev.alize.common.conflict;

/** The fields of a child model named as the consumer's command line names them. */
final class OptionFields implements ChildFields {

  static final OptionFields INSTANCE = new OptionFields();

  @Override
  public String parent(String ref) {
    return "--parent " + ChildFields.shown(ref);
  }

  @Override
  public String set(String variable, String value) {
    return "--set " + ChildFields.shown(variable + "=" + value);
  }

  @Override
  public String unset(String variable) {
    return "--unset " + ChildFields.shown(variable);
  }

  @Override
  public String addService(String service) {
    return "--add-service " + ChildFields.shown(service);
  }

  @Override
  public String removeService(String service) {
    return "--remove-service " + ChildFields.shown(service);
  }

  @Override
  public String addServices() {
    return "--add-service";
  }

  @Override
  public String removeServices() {
    return "--remove-service";
  }
}
