/**
 * KaTeX's stylesheet and fonts, shipped with the site (no CDN). Each `import.meta.resolve` names one
 * file of the katex package as a string literal, which is what makes Framework copy it into
 * dist/_node/katex@<version>/dist/…, keeping the stylesheet's relative `url(fonts/…)` paths valid.
 * Only the .woff2 files are listed: every browser that runs these pages takes woff2 first.
 */
export const katexStylesheet: string = import.meta.resolve("katex/dist/katex.min.css");

export const katexFonts: readonly string[] = [
  import.meta.resolve("katex/dist/fonts/KaTeX_AMS-Regular.woff2"),
  import.meta.resolve("katex/dist/fonts/KaTeX_Caligraphic-Bold.woff2"),
  import.meta.resolve("katex/dist/fonts/KaTeX_Caligraphic-Regular.woff2"),
  import.meta.resolve("katex/dist/fonts/KaTeX_Fraktur-Bold.woff2"),
  import.meta.resolve("katex/dist/fonts/KaTeX_Fraktur-Regular.woff2"),
  import.meta.resolve("katex/dist/fonts/KaTeX_Main-Bold.woff2"),
  import.meta.resolve("katex/dist/fonts/KaTeX_Main-BoldItalic.woff2"),
  import.meta.resolve("katex/dist/fonts/KaTeX_Main-Italic.woff2"),
  import.meta.resolve("katex/dist/fonts/KaTeX_Main-Regular.woff2"),
  import.meta.resolve("katex/dist/fonts/KaTeX_Math-BoldItalic.woff2"),
  import.meta.resolve("katex/dist/fonts/KaTeX_Math-Italic.woff2"),
  import.meta.resolve("katex/dist/fonts/KaTeX_SansSerif-Bold.woff2"),
  import.meta.resolve("katex/dist/fonts/KaTeX_SansSerif-Italic.woff2"),
  import.meta.resolve("katex/dist/fonts/KaTeX_SansSerif-Regular.woff2"),
  import.meta.resolve("katex/dist/fonts/KaTeX_Script-Regular.woff2"),
  import.meta.resolve("katex/dist/fonts/KaTeX_Size1-Regular.woff2"),
  import.meta.resolve("katex/dist/fonts/KaTeX_Size2-Regular.woff2"),
  import.meta.resolve("katex/dist/fonts/KaTeX_Size3-Regular.woff2"),
  import.meta.resolve("katex/dist/fonts/KaTeX_Size4-Regular.woff2"),
  import.meta.resolve("katex/dist/fonts/KaTeX_Typewriter-Regular.woff2")
];
