package dev.alize.common.conflict;

/**
 * How an admin's tool names the fields of a child model and of a change to one, so that each
 * problem names what the admin wrote: options on the command line ({@code --set proxy_port=99999}),
 * JSON fields in an API ({@code set.proxy_port}). Values are given whole; {@link #shown} cuts them.
 */
public interface ChildFields {

  /** How much of an admin's value a message repeats; the rest is elided. */
  int SHOWN_CHARS = 40;

  /** Where the parent is given, as {@code --parent eole/2.9.0/amon}. */
  String parent(String ref);

  /** Where a variable's value is given, as {@code --set proxy_port=99999}. */
  String set(String variable, String value);

  /** Where a variable is given back to its parent's value, as {@code --unset proxy_port}. */
  String unset(String variable);

  /** Where a service to add is given, as {@code --add-service eole-vpn}. */
  String addService(String service);

  /** Where a service to remove is given, as {@code --remove-service eole-dhcp}. */
  String removeService(String service);

  /** The field of the services to add, as a sentence names it: {@code --add-service}. */
  String addServices();

  /** The field of the services to remove, as a sentence names it: {@code --remove-service}. */
  String removeServices();

  /** The text, cut so that a huge value does not flood the message. */
  static String shown(String text) {
    return text.length() <= SHOWN_CHARS ? text : text.substring(0, SHOWN_CHARS) + "...";
  }
}
