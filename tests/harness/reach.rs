//! Whether a person could use every control in a part of the window: scrolled
//! into view as a browser would, each control must then lie inside the viewport,
//! be what the pointer hits at its centre, and keep its label on one line.

use serde_json::json;

use crate::app::App;

const CHECK: &str = r#"
const root = document.querySelector(arguments[0]);
if (!root) return [`${arguments[0]} is not in the page`];
const describe = (el) => {
  const id = el.dataset.testid ? `[data-testid=${el.dataset.testid}]` : "";
  const label = (el.getAttribute("aria-label") || el.textContent || el.value || "").trim().slice(0, 40);
  return `${el.tagName.toLowerCase()}${id} "${label}"`;
};
const lineCount = (range) => {
  const tops = new Set();
  for (const r of range.getClientRects()) if (r.width > 0) tops.add(Math.round(r.top));
  return tops.size;
};
const lines = (el) => {
  const tops = new Set();
  const texts = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let t = texts.nextNode(); t; t = texts.nextNode()) {
    if (!t.data.trim()) continue;
    const range = document.createRange();
    range.selectNodeContents(t);
    for (const r of range.getClientRects()) if (r.width > 0) tops.add(Math.round(r.top));
  }
  return tops.size;
};
const problems = [];
const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
for (let node = walker.nextNode(); node; node = walker.nextNode()) {
  const parent = node.parentElement;
  if (!parent || parent.closest(".visually-hidden") || parent.getClientRects().length === 0) continue;
  // Labels, not data: a 120-character key name has to break somewhere.
  if (!parent.closest("button, label, legend, dt, th, h2") || parent.closest("code")) continue;
  if (getComputedStyle(parent).textOverflow === "ellipsis") continue;
  for (const m of node.data.matchAll(/\S{2,}/g)) {
    const range = document.createRange();
    range.setStart(node, m.index);
    range.setEnd(node, m.index + m[0].length);
    if (lineCount(range) > 1) {
      problems.push(`"${m[0].slice(0, 40)}" in ${parent.tagName.toLowerCase()}.${String(parent.className).trim().replace(/\s+/g, ".")} breaks mid-word`);
      break;
    }
  }
}
const controls = root.querySelectorAll("button, input:not([type=hidden]), select, textarea, a[href], [role=button]");
for (const el of controls) {
  const style = getComputedStyle(el);
  if (style.display === "none" || style.visibility === "hidden" || el.getClientRects().length === 0) continue;
  if (el.closest(".visually-hidden")) continue;
  el.scrollIntoView({ block: "nearest", inline: "nearest" });
  const r = el.getBoundingClientRect();
  if (r.top < 0 || r.left < 0 || r.bottom > innerHeight + 0.5 || r.right > innerWidth + 0.5) {
    problems.push(`${describe(el)} lies outside the ${innerWidth}x${innerHeight} viewport at ${Math.round(r.left)},${Math.round(r.top)}-${Math.round(r.right)},${Math.round(r.bottom)}`);
    continue;
  }
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  const label = el.tagName === "INPUT" ? el.closest("label") : null;
  if (!(hit === el || el.contains(hit) || (label && label.contains(hit)))) {
    problems.push(`${describe(el)} at ${Math.round(r.left)},${Math.round(r.top)}-${Math.round(r.right)},${Math.round(r.bottom)} is covered by ${hit ? hit.tagName.toLowerCase() + "." + String(hit.className).trim().replace(/\s+/g, ".") : "nothing"}`);
    continue;
  }
  if (el.classList.contains("btn") && lines(el) > 1) {
    problems.push(`${describe(el)} wraps its label over ${lines(el)} lines`);
  }
}
return problems;
"#;

impl App {
    /// Every control under `root` a person could not reach, with the reason.
    pub async fn unreachable_controls(&self, root: &str) -> Vec<String> {
        let value = self
            .client
            .execute(CHECK, vec![json!(root)])
            .await
            .expect("the reachability check runs in the page");
        value
            .as_array()
            .expect("a list of problems")
            .iter()
            .map(|p| p.as_str().unwrap_or_default().to_owned())
            .collect()
    }

    /// Panics with every problem found under `root`, naming `what` it is.
    pub async fn assert_reachable(&self, root: &str, what: &str) {
        let problems = self.unreachable_controls(root).await;
        assert!(
            problems.is_empty(),
            "{what}: controls out of reach at {}:\n  {}",
            self.viewport().await,
            problems.join("\n  ")
        );
    }

    /// The page's viewport as `WxH`.
    pub async fn viewport(&self) -> String {
        self.script("return `${innerWidth}x${innerHeight}`;").await
    }
}
