// Observable Framework configuration for the textbook.
// The site is built and read offline: no CDN, no web fonts, no telemetry (see README).
import {existsSync} from "node:fs";

/** The route through the notes, in order. A chapter appears once its page exists. */
const chapters: {name: string; path: string}[] = [
  {name: "1. Recurrent networks", path: "/rnn"},
  {name: "2. Vanishing gradients", path: "/vanishing-gradients"},
  {name: "3. LSTM gates", path: "/lstm"},
  {name: "4. Seq2seq and attention", path: "/seq2seq-attention"},
  {name: "5. Query, key, value", path: "/qkv"},
  {name: "6. Self-attention", path: "/self-attention"},
  {name: "7. Multi-head attention", path: "/multi-head"},
  {name: "8. The Transformer", path: "/transformer"}
];

const written = chapters.filter((c) => existsSync(`docs${c.path}.md`));
const extras = [{name: "Engine demo", path: "/demo"}].filter((c) => existsSync(`docs${c.path}.md`));

export default {
  title: "From RNN to Transformer",
  root: "docs",
  // SITE_OUT lets several builds run side by side (tests read the same variable); dist/ by default.
  output: process.env.SITE_OUT ?? "dist",
  pages: [{name: "Chapters", open: true, pages: written}, ...(extras.length ? [{name: "Appendix", pages: extras}] : [])],
  pager: true,
  search: false,
  globalStylesheets: [],
  style: "style.css",
  head: '<link rel="icon" href="/favicon.svg" type="image/svg+xml">',
  preserveExtension: false,
  footer: "From RNN to Transformer — every model on these pages runs in your browser.",
};
