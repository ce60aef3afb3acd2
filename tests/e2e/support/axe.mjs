// axe-core (npm) run inside a page: the accessibility violations of the widget.
import { createRequire } from "node:module";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/**
 * The violations axe-core finds in the widget's markup (`selector`, or the custom
 * element's shadow root), as "rule: element" lines, so that a failure names them.
 */
export async function axeViolations(page, selector = ".apw") {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async (include) => {
    const { violations } = await window.axe.run({ include: [include] }, { resultTypes: ["violations"] });
    return violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(" ")} — ${n.failureSummary}`));
  }, selector);
  return violations;
}
