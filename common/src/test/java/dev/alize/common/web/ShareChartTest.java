package dev.alize.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ShareChartTest {

  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  private static SharesOverTime twoVersions() {
    return new SharesOverTime(
        List.of(T0, T0.plusSeconds(86_400), T0.plusSeconds(2 * 86_400)),
        List.of(
            new SharesOverTime.Group("1.0.0", List.of(4L, 2L, 0L)),
            new SharesOverTime.Group("2.0.0", List.of(0L, 2L, 4L))),
        4);
  }

  private static Document parse(String svg) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aChart_isWellFormedSvg_withATitleADescriptionAndALinePerGroup() throws Exception {
    Document svg = parse(ShareChart.svg("eole-adoption", "Sites on each version", twoVersions()));

    Element root = svg.getDocumentElement();
    assertEquals("svg", root.getTagName());
    assertEquals("img", root.getAttribute("role"));
    assertEquals("eole-adoption-title eole-adoption-desc", root.getAttribute("aria-labelledby"));
    assertEquals(
        "Sites on each version", root.getElementsByTagName("title").item(0).getTextContent());
    String desc = root.getElementsByTagName("desc").item(0).getTextContent();
    assertTrue(desc.contains("1.0.0 0 (0 %); 2.0.0 4 (100 %)."), desc);
    assertEquals(2, root.getElementsByTagName("polyline").getLength());
  }

  @Test
  void aLine_goesFromTheTopAtAllToTheBottomAtNone() throws Exception {
    NodeList lines =
        parse(ShareChart.svg("c", "t", twoVersions())).getElementsByTagName("polyline");
    String[] first = ((Element) lines.item(0)).getAttribute("points").split(" ");
    double top = ShareChart.y(100);
    double bottom = ShareChart.y(0);
    assertEquals(ShareChart.LEFT + ".0," + top, first[0]);
    assertTrue(first[2].endsWith("," + bottom), first[2]);
    assertTrue(first[2].startsWith((ShareChart.WIDTH - ShareChart.RIGHT) + ".0,"), first[2]);
  }

  @Test
  void hostileNames_areEscaped() throws Exception {
    SharesOverTime shares =
        new SharesOverTime(
            List.of(T0),
            List.of(new SharesOverTime.Group("<script>alert(1)</script>&\"'\u0007", List.of(1L))),
            1);

    String svg = ShareChart.svg("c", "</title><script>x</script>", shares);

    assertFalse(svg.contains("<script>"), svg);
    assertTrue(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&#39;\uFFFD"), svg);
    Document parsed = parse(svg);
    assertEquals(0, parsed.getElementsByTagName("script").getLength());
    assertEquals(
        "</title><script>x</script>",
        parsed.getElementsByTagName("title").item(0).getTextContent());
  }

  @Test
  void oneTime_isDrawnInTheMiddle() throws Exception {
    SharesOverTime shares =
        new SharesOverTime(List.of(T0), List.of(new SharesOverTime.Group("1.0.0", List.of(1L))), 2);

    Element dot =
        (Element) parse(ShareChart.svg("c", "t", shares)).getElementsByTagName("circle").item(0);

    double middle = ShareChart.LEFT + (ShareChart.WIDTH - ShareChart.LEFT - ShareChart.RIGHT) / 2.0;
    assertEquals(middle, Double.parseDouble(dot.getAttribute("cx")), 0.1);
    assertEquals(ShareChart.y(50), Double.parseDouble(dot.getAttribute("cy")), 0.1);
  }

  @Test
  void anIdThatIsNotOne_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> ShareChart.svg("\"><x", "t", twoVersions()));
  }

  @Test
  void countsThatDoNotMatchTheTimes_areRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new SharesOverTime(
                List.of(T0), List.of(new SharesOverTime.Group("1.0.0", List.of(1L, 2L))), 2));
  }

  @Test
  void rows_giveEachTimesCountsInTheGroupsOrder() {
    List<SharesOverTime.Row> rows = twoVersions().rows();
    assertEquals(3, rows.size());
    assertEquals(List.of(2L, 2L), rows.get(1).counts());
    assertEquals(T0.plusSeconds(86_400), rows.get(1).at());
  }
}
