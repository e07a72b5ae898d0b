import type { Child } from "hono/jsx";
import { PostForm } from "./form-kit.js";
import type { Viewer } from "./portal-env.js";
import { STYLE_PATH } from "./portal-style.js";

/** The top-level pages, in the order the navigation shows them. */
const NAV = [
  { href: "/", label: "Today" },
  { href: "/bundles", label: "Bundles" },
  { href: "/workflows", label: "Workflows" },
] as const;

export type Section = (typeof NAV)[number]["href"] | undefined;

/** The document every portal page shares: a skip link, the navigation, who is signed in, and sign-out. */
export function Layout(props: { title: string; viewer?: Viewer; section?: Section; children: Child }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · work-engine`}</title>
        <link rel="stylesheet" href={STYLE_PATH} />
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="top">
          <a class="brand" href="/">
            work-engine
          </a>
          {props.viewer ? <Navigation viewer={props.viewer} section={props.section} /> : null}
        </header>
        <main id="main" tabindex={-1}>
          {props.children}
        </main>
      </body>
    </html>
  );
}

function Navigation(props: { viewer: Viewer; section?: Section }) {
  return (
    <>
      <nav class="main" aria-label="Main">
        <ul>
          {NAV.map((item) => (
            <li>
              <a href={item.href} aria-current={item.href === props.section ? "page" : undefined}>
                {item.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <span class="who">
        {props.viewer.user.name} ({props.viewer.user.role})
      </span>
      <PostForm action="/sign-out" csrf={props.viewer.csrf} class="inline" label="Sign out">
        <button type="submit">Sign out</button>
      </PostForm>
    </>
  );
}
