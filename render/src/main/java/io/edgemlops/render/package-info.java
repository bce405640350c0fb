/**
 * One HTML renderer for the steps' results, shared by the Jenkins build page and the static report.
 *
 * <p>Every renderer reads a step's result {@code Map} (the Map a Pipeline step returns, the JSON
 * {@code edge-mlops <command> --json} prints) only through the contract's {@code ResultKey}s and returns an HTML
 * fragment as a {@code String} with every piece of user text escaped. The Jenkins plugin writes a fragment raw
 * into its build page; {@link io.edgemlops.render.ReportPage} puts fragments into one standalone document. Charts are
 * inline SVG ({@link io.edgemlops.render.LineChart}, {@link io.edgemlops.render.BarChart}), units come from
 * {@link io.edgemlops.render.Units}. The module depends on the contract only: the plugin bundles it and cannot load
 * the engine.
 */
package io.edgemlops.render;
