package dev.alize.common.conflict;

/** The two ways admins write a child model: command-line options and the API's JSON fields. */
public enum ChildFieldNames implements ChildFields {

  /** {@code --set proxy_port=99999}, {@code --add-service eole-vpn}. */
  COMMAND_LINE {
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
  },

  /** {@code set.proxy_port}, {@code addServices 'eole-vpn'}: the fields of the API's bodies. */
  JSON {
    @Override
    public String parent(String ref) {
      return "parent '" + ChildFields.shown(ref) + "'";
    }

    @Override
    public String set(String variable, String value) {
      return "set." + ChildFields.shown(variable);
    }

    @Override
    public String unset(String variable) {
      return "unset '" + ChildFields.shown(variable) + "'";
    }

    @Override
    public String addService(String service) {
      return "addServices '" + ChildFields.shown(service) + "'";
    }

    @Override
    public String removeService(String service) {
      return "removeServices '" + ChildFields.shown(service) + "'";
    }

    @Override
    public String addServices() {
      return "addServices";
    }

    @Override
    public String removeServices() {
      return "removeServices";
    }
  }
}
