// Which precache entries a browser needs: this build's code (never the other build's), the shell,
// the default font; other fonts, the kiosk's code and the transcript are kept on demand.
import { describe, expect, it } from 'vitest';
import { buildFromWorkerUrl, classifyEntry, keptByKiosk, keptWithRecording, selectPrecache } from '../../../src/offline/precache-policy.ts';
import { planOffline } from '../../../src/offline/kept-files.ts';

/** The shape of a real build's manifest (names from `vite build`). */
const MANIFEST = [
  { url: 'narration.vtt', revision: '49f6' },
  { url: 'index.html', revision: '6112' },
  { url: 'favicon.svg', revision: '7c1f' },
  { url: 'embed.js', revision: 'c4ee' },
  { url: 'edition.json', revision: '8665' },
  { url: 'audio/manifest.json', revision: 'f77f' },
  { url: 'audio/interface.json', revision: '5c4d' },
  ...[
    'assets/voice-settings-legacy-DzS461jW.js',
    'assets/voice-settings-Boic_Smn.js',
    'assets/vite-legacy-entry-b508dff2.js',
    'assets/rolldown-runtime-legacy-Kx5Dx-Vn.js',
    'assets/rolldown-runtime-XKyaHtl9.js',
    'assets/polyfills-legacy-DTwMlhoB.js',
    'assets/page-nomodule-312ebfdc.js',
    'assets/page-module-fb95e464.js',
    'assets/opendyslexic-latin-700-normal-Bnmt45Ln.woff2',
    'assets/opendyslexic-latin-400-normal-nUhe5EwG.woff2',
    'assets/ne-early-settings-2ce62a31.js',
    'assets/narration-loader-legacy-D_aqULDI.js',
    'assets/narration-loader-CZNbAwSj.js',
    'assets/lexend-latin-700-normal-DqO8md6r.woff2',
    'assets/lexend-latin-400-normal-CwRJVcUA.woff2',
    'assets/kiosk-controller-legacy-D2dYuHN_.js',
    'assets/kiosk-controller-DXRzR1Oc.js',
    'assets/index-legacy-DtFxOV_G.js',
    'assets/index-Bd4mHA6j.css',
    'assets/index-BFy1VFtU.js',
    'assets/howler-legacy-B52VfUAX.js',
    'assets/howler-SRRX-O0P.js',
    'assets/dialog-polyfill.esm-legacy-CD0oh1Qz.js',
    'assets/dialog-polyfill.esm-TsR8JF2d.js',
    'assets/data-import-516436db.js',
    'assets/atkinson-hyperlegible-latin-700-normal-GZI4o3u0.woff2',
    'assets/atkinson-hyperlegible-latin-400-normal-BrHNak5F.woff2',
  ].map((url) => ({ url, revision: null })),
];
const shell = MANIFEST.filter((e) => !e.url.startsWith('audio/') && !/howler/.test(e.url));
const urls = (entries: { url: string }[]) => entries.map((e) => e.url);
const LEGACY_FILE = /-legacy-|page-nomodule/;
const OTHER_FONTS = /(lexend|opendyslexic)-.*\.woff2$/;

describe('classifyEntry', () => {
  it('tells the builds, the fonts and the kiosk code apart by name', () => {
    expect(classifyEntry('assets/index-legacy-DtFxOV_G.js')).toEqual({ role: 'code', build: 'legacy', family: null });
    expect(classifyEntry('assets/polyfills-legacy-DTwMlhoB.js').build).toBe('legacy');
    expect(classifyEntry('assets/vite-legacy-entry-b508dff2.js').build).toBe('legacy');
    expect(classifyEntry('assets/page-nomodule-312ebfdc.js').build).toBe('legacy');
    expect(classifyEntry('assets/page-module-fb95e464.js').build).toBe('modern');
    // The settings script that runs before first paint: a classic script both builds' pages load.
    expect(classifyEntry('assets/ne-early-settings-2ce62a31.js')).toEqual({ role: 'code', build: null, family: null });
    expect(classifyEntry('assets/kiosk-controller-DXRzR1Oc.js')).toEqual({ role: 'kiosk', build: 'modern', family: null });
    expect(classifyEntry({ url: 'assets/lexend-latin-400-normal-CwRJVcUA.woff2' })).toEqual({ role: 'font', build: null, family: 'lexend' });
    expect(classifyEntry('assets/atkinson-hyperlegible-latin-700-normal-GZI4o3u0.woff2').family).toBe('atkinson-hyperlegible');
    // The narration (its code and the document model) is kept when the reader reaches for it.
    expect(classifyEntry('edition.json').role).toBe('narration');
    expect(classifyEntry('assets/narration-loader-CZNbAwSj.js')).toEqual({ role: 'narration', build: 'modern', family: null });
    expect(classifyEntry('assets/narration-loader-legacy-D_aqULDI.js')).toEqual({ role: 'narration', build: 'legacy', family: null });
    expect(classifyEntry('index.html').role).toBe('shell');
    expect(classifyEntry('assets/index-Bd4mHA6j.css').role).toBe('shell');
    expect(classifyEntry('narration.vtt').role).toBe('transcript');
    expect(classifyEntry('embed.js').role).toBe('embed');
  });
});

describe('selectPrecache', () => {
  it('a modern browser precaches the shell, the modern code but the narration\'s, and the default font only', () => {
    const { precache, onDemand } = selectPrecache(shell, { build: 'modern' });
    expect(urls(precache).sort()).toEqual(
      [
        'index.html',
        'favicon.svg',
        'assets/voice-settings-Boic_Smn.js',
        'assets/rolldown-runtime-XKyaHtl9.js',
        'assets/page-module-fb95e464.js',
        'assets/ne-early-settings-2ce62a31.js',
        'assets/index-Bd4mHA6j.css',
        'assets/index-BFy1VFtU.js',
        'assets/data-import-516436db.js',
        'assets/atkinson-hyperlegible-latin-700-normal-GZI4o3u0.woff2',
        'assets/atkinson-hyperlegible-latin-400-normal-BrHNak5F.woff2',
      ].sort(),
    );
    // No legacy file anywhere, not even on demand; the other fonts, the kiosk, the <dialog> polyfill on demand.
    expect([...urls(precache), ...urls(onDemand)].filter((u) => LEGACY_FILE.test(u))).toEqual([]);
    expect(urls(onDemand).sort()).toEqual(
      [
        'narration.vtt',
        'embed.js',
        'edition.json',
        'assets/narration-loader-CZNbAwSj.js',
        'assets/opendyslexic-latin-700-normal-Bnmt45Ln.woff2',
        'assets/opendyslexic-latin-400-normal-nUhe5EwG.woff2',
        'assets/lexend-latin-700-normal-DqO8md6r.woff2',
        'assets/lexend-latin-400-normal-CwRJVcUA.woff2',
        'assets/kiosk-controller-DXRzR1Oc.js',
        'assets/dialog-polyfill.esm-TsR8JF2d.js',
      ].sort(),
    );
  });

  it('a legacy browser precaches the legacy code (with the <dialog> polyfill) and no modern chunk', () => {
    const { precache, onDemand } = selectPrecache(shell, { build: 'legacy' });
    const code = urls(precache).filter((u) => u.endsWith('.js'));
    expect(code.filter((u) => !LEGACY_FILE.test(u))).toEqual(['assets/ne-early-settings-2ce62a31.js']);
    expect(code).toContain('assets/polyfills-legacy-DTwMlhoB.js');
    expect(code).toContain('assets/dialog-polyfill.esm-legacy-CD0oh1Qz.js');
    expect(code).not.toContain('assets/kiosk-controller-legacy-D2dYuHN_.js');
    expect(urls(onDemand)).toContain('assets/kiosk-controller-legacy-D2dYuHN_.js');
    expect(urls(precache).filter((u) => OTHER_FONTS.test(u))).toEqual([]);
  });

  it('a worker that was not told the build precaches both (as before)', () => {
    const { precache } = selectPrecache(shell, { build: null });
    expect(urls(precache)).toContain('assets/index-legacy-DtFxOV_G.js');
    expect(urls(precache)).toContain('assets/index-BFy1VFtU.js');
  });

  it('a kiosk keeps every on-demand file but the embed script; the recording brings its transcript', () => {
    const { onDemand } = selectPrecache(shell, { build: 'modern' });
    expect(urls(onDemand.filter(keptByKiosk))).not.toContain('embed.js');
    expect(urls(onDemand.filter(keptByKiosk))).toContain('assets/kiosk-controller-DXRzR1Oc.js');
    expect(urls(onDemand.filter(keptWithRecording))).toEqual(['narration.vtt']);
  });
});

describe('the worker URL names the build', () => {
  it('reads ?build=modern|legacy, and nothing else', () => {
    expect(buildFromWorkerUrl('https://museum.example/edition/sw.js?build=modern')).toBe('modern');
    expect(buildFromWorkerUrl('https://museum.example/edition/sw.js?build=legacy&v=2')).toBe('legacy');
    expect(buildFromWorkerUrl('https://museum.example/edition/sw.js')).toBeNull();
    expect(buildFromWorkerUrl('https://museum.example/edition/sw.js?build=other')).toBeNull();
  });

  it('planOffline: the modern worker keeps only the modern player code, and lists its on-demand files absolutely', () => {
    const plan = planOffline(MANIFEST, 'https://museum.example/edition/sw.js?build=modern');
    expect(plan.player.urls).toEqual(['https://museum.example/edition/assets/howler-SRRX-O0P.js']);
    expect(plan.precache.some((e) => typeof e !== 'string' && LEGACY_FILE.test(e.url))).toBe(false);
    expect(plan.onDemand.urls).toContain('https://museum.example/edition/assets/lexend-latin-400-normal-CwRJVcUA.woff2');
    expect(plan.onDemand.cache).toMatch(/^ne-on-demand-[0-9a-f]{8}$/);
    expect(plan.recordingUrls).toEqual(['https://museum.example/edition/narration.vtt']);
    // The same build twice: the same on-demand cache (a chosen font stays kept across page-only updates).
    const again = planOffline(MANIFEST.map((e) => (e.url === 'index.html' ? { ...e, revision: 'ffff' } : e)), 'https://museum.example/edition/sw.js?build=modern');
    expect(again.onDemand.cache).toBe(plan.onDemand.cache);
  });
});
