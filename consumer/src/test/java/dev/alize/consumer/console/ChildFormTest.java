package dev.alize.consumer.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.alize.common.conflict.ModelRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChildFormTest {

  @Test
  void aCreationFormIsReadWithItsRepeatedFieldsAndBrowserLineBreaks() {
    Map<String, Object> posted = new LinkedHashMap<>();
    posted.put("csrf", "token");
    posted.put("name", "amon-dijon");
    posted.put("parent", "eole/2.8.1/amon");
    posted.put("set.proxy_port", "");
    posted.put("set.dns_local_zones", "a.lan\r\nb.lan");
    posted.put("addServices", List.of("eole-vpn", "eole-web"));
    posted.put("description", "two\r\nlines");

    ChildForm form = ChildForm.read(posted, true);

    assertEquals(List.of(), form.problems());
    assertEquals(ModelRef.parse("eole/2.8.1/amon"), form.parent());
    assertEquals(Map.of("proxy_port", "", "dns_local_zones", "a.lan\nb.lan"), form.values());
    assertEquals(List.of("eole-vpn", "eole-web"), form.addServices());
    assertEquals("two\nlines", form.description());
  }

  @Test
  void aChangeMayNotNameOrReparentTheChild() {
    ChildForm form = ChildForm.read(Map.of("name", "other"), false);

    assertEquals(
        List.of(
            "name: unknown field; the fields are name, parent, set.VARIABLE, addServices,"
                + " removeServices, description"),
        form.problems());
  }

  @Test
  void aCreationWithoutNameNorParentIsRefusedInTheApisWords() {
    ChildForm form = ChildForm.read(Map.of("parent", "eole/amon"), true);

    assertNull(form.parent());
    assertEquals(
        List.of(
            "name: required (the child model's name)",
            "parent: invalid model reference 'eole/amon': write DATASOURCE/RELEASE/MODEL with"
                + " three non-empty parts, as eole/2.9/amon"),
        form.problems());
  }

  @Test
  void aFieldGivenTwiceAndControlCharactersAreRefused() {
    ChildForm form =
        ChildForm.read(
            Map.of("set.proxy_port", List.of("1", "2"), "description", "a\u0000b"), false);

    assertEquals(
        List.of(
            "description: control characters and invalid UTF-16 are not allowed",
            "set.proxy_port: given more than once"),
        form.problems());
  }
}
