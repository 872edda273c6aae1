// The CSP step of the build: inline scripts move into hashed files (attributes, order and base
// kept), `data:` module imports become imports of files, and the legacy entry's duplicate inline
// CSS is dropped. Pure functions on strings; the whole build is checked in tests/e2e/csp.spec.ts.
import { describe, expect, it } from 'vitest';
import {
  dropDuplicateEntryCss,
  externalizeInlineScripts,
  hashedScriptName,
  replaceDataImports,
} from '../../../src/build/csp-ready-html.ts';

const PAGE = `<head><script id="ne-early-settings">applySettings()</script>
<script type="module" crossorigin src="./assets/index-abc.js"></script>
<script type="module">import'data:text/javascript,if(!import.meta.resolve)throw Error("no")';window.ok=true</script>
<script nomodule>fixSafari()</script>
<script nomodule crossorigin id="vite-legacy-entry" data-src="./assets/index-legacy-x.js">System.import('x')</script>
<script type="application/ld+json">{"a":1}</script>
</head>`;

describe('externalizeInlineScripts', () => {
  const { html, files } = externalizeInlineScripts(PAGE, 'index.html', { base: './', assetsDir: 'assets' });
  const byName = (prefix: string) => files.find((f) => f.fileName.startsWith(`assets/${prefix}-`))!;

  it('leaves no runnable inline script and no data: URL, and keeps data blocks inline', () => {
    expect(html).not.toMatch(/<script\b(?![^>]*application\/ld\+json)[^>]*>[^<]+<\/script>/);
    expect(html).not.toContain('data:');
    expect(html).toContain('<script type="application/ld+json">{"a":1}</script>');
  });

  it('keeps each element’s attributes and place, adding src (relative to the page)', () => {
    const early = byName('ne-early-settings');
    expect(early.code).toBe('applySettings()');
    expect(html.indexOf(`<script id="ne-early-settings" src="./${early.fileName}"></script>`)).toBe(html.indexOf('<script'));
    expect(html).toContain(`<script nomodule src="./${byName('page-nomodule').fileName}"></script>`);
    expect(html).toContain(
      `<script nomodule crossorigin id="vite-legacy-entry" data-src="./assets/index-legacy-x.js" src="./${byName('vite-legacy-entry').fileName}"></script>`,
    );
    expect(byName('vite-legacy-entry').code).toBe("System.import('x')");
  });

  it('turns the moved module’s data: import into a relative import of a file with the same code', () => {
    const check = byName('data-import');
    expect(check.code).toBe('if(!import.meta.resolve)throw Error("no")');
    const module = byName('page-module');
    expect(module.code).toBe(`import'./${check.fileName.slice('assets/'.length)}';window.ok=true`);
    expect(module.fileName).toBe(hashedScriptName('assets', 'page-module', module.code));
  });

  it('uses an absolute base as given', () => {
    const out = externalizeInlineScripts('<script>a()</script>', 'index.html', { base: '/edition/', assetsDir: 'assets' });
    expect(out.html).toBe(`<script src="/edition/${out.files[0].fileName}"></script>`);
  });

  it('preloads the data: module files an entry now imports', () => {
    const out = externalizeInlineScripts(PAGE, 'index.html', {
      base: './',
      assetsDir: 'assets',
      dataImports: new Map([['assets/index-abc.js', ['assets/data-import-123.js']]]),
    });
    expect(out.html).toContain(
      '<link rel="modulepreload" crossorigin href="./assets/data-import-123.js"><script type="module" crossorigin src="./assets/index-abc.js"></script>',
    );
  });

  it('names files by content: the same code, the same name; other code, another name', () => {
    expect(hashedScriptName('assets', 'x', 'a()')).toBe(hashedScriptName('assets', 'x', 'a()'));
    expect(hashedScriptName('assets', 'x', 'a()')).not.toBe(hashedScriptName('assets', 'x', 'b()'));
    expect(hashedScriptName('assets', 'x', 'a()')).toMatch(/^assets\/x-[0-9a-f]{8}\.js$/);
  });
});

describe('replaceDataImports', () => {
  it('rewrites the legacy guard at the top of a modern entry chunk, percent-decoding the body', () => {
    const chunk = `import'data:text/javascript,"assets/index-abc.js";if(!import.meta.resolve)throw Error("x%20y")';export const a=1;`;
    const { code, files } = replaceDataImports(chunk, 'assets/index-abc.js', 'assets');
    expect(files).toHaveLength(1);
    expect(files[0].code).toBe('"assets/index-abc.js";if(!import.meta.resolve)throw Error("x y")');
    expect(code).toBe(`import'./${files[0].fileName.slice('assets/'.length)}';export const a=1;`);
  });

  it('leaves code without data: imports alone', () => {
    const chunk = 'const u = "data:text/plain,hi"; import("./x.js");';
    expect(replaceDataImports(chunk, 'assets/a.js', 'assets')).toEqual({ code: chunk, files: [] });
  });
});

describe('dropDuplicateEntryCss', () => {
  it('removes the style element Vite adds to a legacy entry, and nothing else', () => {
    const code = `execute:function(){__vite_style__=document.createElement('style');__vite_style__.textContent=":root{a:b}";document.head.appendChild(__vite_style__);run();}`;
    expect(dropDuplicateEntryCss(code)).toBe('execute:function(){run();}');
    expect(dropDuplicateEntryCss('execute:function(){run();}')).toBeNull();
  });
});
