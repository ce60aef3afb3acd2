// axe-core (npm) run inside a page: the accessibility violations of the widget.
import { createRequire } from "node:module";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/**
 * The violations axe-core finds in the widget's markup, as "rule: element" lines, so that
 * a failure names them. `selector` is a CSS selector, or an array of them that goes down
 * through shadow roots (`["ap-ping-status", ".apw"]`: the custom element's widget).
 */
export async function axeViolations(page, selector = ".apw") {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async (include) => {
    const { violations } = await window.axe.run({ include: [include] }, { resultTypes: ["violations"] });
    return violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(" ")} — ${n.failureSummary}`));
  }, selector);
  return violations;
}
