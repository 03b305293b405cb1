package dev.alize.publisher.fleetpage;

import dev.alize.common.web.ShareChart;
import dev.alize.common.web.SharesOverTime;

/**
 * A datasource's adoption chart: the share of its reporting sites on each version over time, drawn
 * as SVG, and the same figures for its table.
 *
 * @param svg the chart's markup, every text in it escaped; null when no site installed anything yet
 */
public record AdoptionChart(String datasource, SharesOverTime shares, String svg) {

  static AdoptionChart of(String datasource, SharesOverTime shares) {
    return new AdoptionChart(
        datasource,
        shares,
        shares.isEmpty()
            ? null
            : ShareChart.svg(
                "adoption-" + datasource,
                "Share of the "
                    + shares.total()
                    + " sites reporting "
                    + datasource
                    + " on each version over time",
                shares));
  }
}
