/**
 * The portal's one style sheet, served at STYLE_PATH. Kept in code rather than a file beside it so the
 * Lambda bundle carries it. Colours keep at least 4.5:1 contrast on their backgrounds; focus is always visible.
 */
export const STYLE_PATH = "/portal/assets/portal.css";

export const PORTAL_CSS = `
:root { --ink: #1b1f24; --muted: #4a5360; --line: #c9d0d8; --bg: #ffffff; --panel: #f4f6f8;
  --accent: #0a58a8; --accent-ink: #ffffff; --ok: #1c6b33; --warn: #7a4a00; --bad: #a4161a; --focus: #ffbf47; }
* { box-sizing: border-box; }
html { font-size: 100%; }
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
  background: var(--bg); line-height: 1.5; }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible,
summary:focus-visible, [tabindex]:focus-visible { outline: 3px solid var(--ink); outline-offset: 2px;
  box-shadow: 0 0 0 6px var(--focus); }
.skip { position: absolute; left: -999px; top: 0; background: var(--bg); padding: .5rem 1rem; }
.skip:focus { left: .5rem; z-index: 10; }
header.top { background: var(--ink); color: #fff; padding: .5rem 1rem; display: flex; flex-wrap: wrap;
  align-items: center; gap: .5rem 1.5rem; }
header.top a { color: #fff; }
header.top .brand { font-weight: 700; text-decoration: none; margin-right: auto; }
nav.main ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1rem; margin: 0; padding: 0; }
nav.main a[aria-current="page"] { font-weight: 700; text-decoration-thickness: 3px; }
header.top form { margin: 0; }
header.top .who { font-size: .9rem; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.6rem; margin: .5rem 0 1rem; }
h2 { font-size: 1.25rem; margin: 1.5rem 0 .5rem; }
h3 { font-size: 1.05rem; margin: 1rem 0 .25rem; }
.muted { color: var(--muted); }
nav.crumbs { font-size: .9rem; margin: 0; }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: .75rem 1rem; margin: .75rem 0; }
.cards { list-style: none; padding: 0; margin: 0; display: grid; gap: .5rem; }
.cards > li { border: 1px solid var(--line); border-radius: 6px; padding: .6rem .8rem; }
.row { display: flex; flex-wrap: wrap; gap: .25rem 1rem; align-items: baseline; }
.badge { display: inline-block; border: 1px solid currentColor; border-radius: 999px; padding: 0 .5rem;
  font-size: .85rem; white-space: nowrap; }
.s-done, .s-approved, .s-completed { color: var(--ok); }
.s-waiting, .s-needs-review, .s-draft, .s-running, .s-pending { color: var(--warn); }
.s-blocked, .s-rejected, .s-failed, .s-overdue, .s-canceled { color: var(--bad); }
.blocked { color: var(--bad); margin: .25rem 0 0; }
.blocked ul { margin: 0; padding-left: 1.25rem; }
form.inline { display: flex; flex-wrap: wrap; gap: .5rem; align-items: flex-end; margin: .25rem 0; }
form.stack { display: grid; gap: .75rem; max-width: 36rem; }
.field { display: grid; gap: .2rem; }
label { font-weight: 600; }
.hint { font-size: .9rem; color: var(--muted); }
input[type=text], input[type=url], input[type=password], input[type=datetime-local], input[type=file], select, textarea {
  font: inherit; padding: .45rem .55rem; border: 1px solid var(--muted); border-radius: 4px; max-width: 100%; width: 100%; }
textarea { min-height: 5rem; }
button { font: inherit; border-radius: 4px; padding: .45rem .9rem; border: 1px solid var(--accent);
  background: var(--accent); color: var(--accent-ink); cursor: pointer; }
button.secondary { background: var(--bg); color: var(--accent); }
header.top button { background: transparent; border-color: #fff; color: #fff; padding: .2rem .7rem; }
.error { border: 2px solid var(--bad); border-radius: 6px; padding: .5rem .75rem; color: var(--bad); background: #fff; }
.error ul { margin: .25rem 0 0; padding-left: 1.25rem; }
.field-error { color: var(--bad); font-size: .9rem; }
[aria-invalid="true"] { border-color: var(--bad); border-width: 2px; }
.notice { border: 2px solid var(--ok); border-radius: 6px; padding: .5rem .75rem; color: var(--ok); }
progress { width: 12rem; max-width: 100%; height: 1rem; }
pre { white-space: pre-wrap; word-break: break-word; background: var(--panel); padding: .75rem; border-radius: 6px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
.graph ol { list-style: none; padding-left: 1rem; border-left: 3px solid var(--line); margin: .25rem 0; }
.graph li { margin: .35rem 0; }
@media (max-width: 40rem) {
  main { padding: .75rem; }
  h1 { font-size: 1.35rem; }
  dl.facts { grid-template-columns: 1fr; }
  form.inline { display: grid; }
}
`;
