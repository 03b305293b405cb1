package dev.alize.common.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * A line chart of {@link SharesOverTime}, as SVG markup to put inline in a page: one line per group
 * from 0 % to 100 % of the total, drawn on the server so that it needs no script, and told in words
 * by its {@code <title>} and {@code <desc>} for those who cannot see it (the page shows the same
 * figures in a table beside it). Every text in it is escaped; it has no style attribute, so a
 * policy that forbids inline styles keeps it intact.
 */
public final class ShareChart {

  static final int WIDTH = 720;
  static final int PLOT_TOP = 16;
  static final int PLOT_HEIGHT = 220;
  static final int LEFT = 52;
  static final int RIGHT = 20;
  static final int LEGEND_LINE = 22;
  static final int LEGEND_COLUMNS = 3;

  /** Colours told apart with most kinds of colour blindness, each line dashed its own way too. */
  static final List<String> COLOURS =
      List.of("#1f5fae", "#c0392b", "#1e7a3c", "#8a5a00", "#6a3d9a", "#0f7c8c", "#5b6675");

  static final List<String> DASHES = List.of("", "6 3", "2 3", "10 4 2 4", "4 4", "1 5", "12 3");

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter HOUR =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  private ShareChart() {}

  /**
   * The chart's {@code <svg>} element.
   *
   * @param id what its title's and description's ids start with: letters, digits and hyphens
   * @param title what the chart shows, in a sentence
   */
  public static String svg(String id, String title, SharesOverTime shares) {
    if (!id.matches("[A-Za-z][A-Za-z0-9-]{0,100}")) {
      throw new IllegalArgumentException("not an id: " + id);
    }
    List<SharesOverTime.Group> groups = shares.groups();
    int legendRows = (groups.size() + LEGEND_COLUMNS - 1) / LEGEND_COLUMNS;
    int axisBottom = PLOT_TOP + PLOT_HEIGHT;
    int height = axisBottom + 30 + legendRows * LEGEND_LINE + 6;
    StringBuilder out = new StringBuilder();
    out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(height)
        .append("\" role=\"img\" aria-labelledby=\"")
        .append(id)
        .append("-title ")
        .append(id)
        .append("-desc\">");
    out.append("<title id=\"").append(id).append("-title\">").append(escape(title));
    out.append("</title><desc id=\"").append(id).append("-desc\">");
    out.append(escape(describe(shares))).append("</desc>");
    for (int percent = 0; percent <= 100; percent += 25) {
      double y = y(percent);
      out.append("<line x1=\"")
          .append(LEFT)
          .append("\" x2=\"")
          .append(WIDTH - RIGHT)
          .append("\" y1=\"")
          .append(number(y))
          .append("\" y2=\"")
          .append(number(y))
          .append("\" stroke=\"#d5dae1\" stroke-width=\"1\"/>");
      out.append("<text x=\"")
          .append(LEFT - 6)
          .append("\" y=\"")
          .append(number(y + 4))
          .append("\" text-anchor=\"end\" font-size=\"12\" fill=\"#5b6675\">")
          .append(percent)
          .append(" %</text>");
    }
    if (!shares.times().isEmpty()) {
      boolean hours = span(shares).compareTo(Duration.ofDays(3)) < 0;
      DateTimeFormatter format = hours ? HOUR : DAY;
      Instant first = shares.times().get(0);
      Instant last = shares.times().get(shares.times().size() - 1);
      label(out, x(shares, 0), axisBottom + 18, "start", format.format(first));
      if (!last.equals(first)) {
        label(
            out, x(shares, shares.times().size() - 1), axisBottom + 18, "end", format.format(last));
      }
    }
    for (int g = 0; g < groups.size(); g++) {
      line(out, shares, groups.get(g), g);
    }
    for (int g = 0; g < groups.size(); g++) {
      int column = g % LEGEND_COLUMNS;
      int row = g / LEGEND_COLUMNS;
      int lx = LEFT + column * ((WIDTH - LEFT - RIGHT) / LEGEND_COLUMNS);
      int ly = axisBottom + 30 + row * LEGEND_LINE + 10;
      out.append("<line x1=\"")
          .append(lx)
          .append("\" x2=\"")
          .append(lx + 28)
          .append("\" y1=\"")
          .append(ly)
          .append("\" y2=\"")
          .append(ly)
          .append('"');
      stroke(out, g);
      out.append("/>");
      label(out, lx + 34, ly + 4, "start", groups.get(g).name());
    }
    return out.append("</svg>").toString();
  }

  /** The chart in one sentence, for its description. */
  static String describe(SharesOverTime shares) {
    if (shares.isEmpty()) {
      return "No figures yet.";
    }
    StringBuilder out = new StringBuilder();
    int last = shares.times().size() - 1;
    out.append("Share of ")
        .append(shares.total())
        .append(" from ")
        .append(shares.times().get(0))
        .append(" to ")
        .append(shares.times().get(last))
        .append(", in ")
        .append(shares.times().size())
        .append(" steps. At the end:");
    for (SharesOverTime.Group g : shares.groups()) {
      long count = g.counts().get(last);
      out.append(' ')
          .append(g.name())
          .append(' ')
          .append(count)
          .append(" (")
          .append(String.format(Locale.ROOT, "%.0f", shares.percent(count)))
          .append(" %);");
    }
    out.setLength(out.length() - 1);
    return out.append('.').toString();
  }

  private static void line(
      StringBuilder out, SharesOverTime shares, SharesOverTime.Group group, int index) {
    StringBuilder points = new StringBuilder();
    for (int i = 0; i < group.counts().size(); i++) {
      if (i > 0) {
        points.append(' ');
      }
      points
          .append(number(x(shares, i)))
          .append(',')
          .append(number(y(shares.percent(group.counts().get(i)))));
    }
    out.append("<g><title>").append(escape(group.name())).append("</title>");
    out.append("<polyline fill=\"none\" points=\"").append(points).append('"');
    stroke(out, index);
    out.append("/>");
    // Dots, so that a single time, or a line under another, still shows.
    for (int i = 0; i < group.counts().size(); i++) {
      out.append("<circle r=\"3\" cx=\"")
          .append(number(x(shares, i)))
          .append("\" cy=\"")
          .append(number(y(shares.percent(group.counts().get(i)))))
          .append("\" fill=\"")
          .append(COLOURS.get(index % COLOURS.size()))
          .append("\"/>");
    }
    out.append("</g>");
  }

  private static void stroke(StringBuilder out, int index) {
    out.append(" stroke=\"").append(COLOURS.get(index % COLOURS.size()));
    out.append("\" stroke-width=\"2.5\"");
    String dash = DASHES.get(index % DASHES.size());
    if (!dash.isEmpty()) {
      out.append(" stroke-dasharray=\"").append(dash).append('"');
    }
  }

  private static void label(StringBuilder out, double x, double y, String anchor, String text) {
    out.append("<text x=\"")
        .append(number(x))
        .append("\" y=\"")
        .append(number(y))
        .append("\" text-anchor=\"")
        .append(anchor)
        .append("\" font-size=\"13\" fill=\"#1d2430\">")
        .append(escape(text))
        .append("</text>");
  }

  private static Duration span(SharesOverTime shares) {
    return Duration.between(shares.times().get(0), shares.times().get(shares.times().size() - 1));
  }

  /** Where the {@code i}-th time is across: by its time, or in the middle when there is one. */
  static double x(SharesOverTime shares, int i) {
    double width = WIDTH - LEFT - RIGHT;
    long span = span(shares).toMillis();
    if (span == 0) {
      return LEFT + width / 2;
    }
    long from = Duration.between(shares.times().get(0), shares.times().get(i)).toMillis();
    return LEFT + width * from / span;
  }

  static double y(double percent) {
    return PLOT_TOP + PLOT_HEIGHT * (100 - Math.max(0, Math.min(100, percent))) / 100;
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  /** {@code text} as SVG and HTML character data or attribute value. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          // XML 1.0 allows no other control character, even escaped.
          if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
            out.append(c);
          } else {
            out.append('\uFFFD');
          }
        }
      }
    }
    return out.toString();
  }
}
