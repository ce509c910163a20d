import { describe, expect, it } from 'vitest';
import {
  buildLargeCatalogScenarios,
  formatLargeCatalog,
  largeReadyTimeoutMs,
  runsLargeCatalog,
} from '../src/large-catalog.ts';
import { SEARCH_QUERIES } from '../src/scenarios.ts';

describe('runsLargeCatalog', () => {
  it('when the run is full, then the large catalog is measured', () => {
    expect(runsLargeCatalog({ quick: false, large: false })).toBe(true);
  });

  it('when the run is quick, then the large catalog is skipped unless --large asks for it', () => {
    expect(runsLargeCatalog({ quick: true, large: false })).toBe(false);
    expect(runsLargeCatalog({ quick: true, large: true })).toBe(true);
  });
});

describe('largeReadyTimeoutMs', () => {
  it('when the catalog grows, then the ready timeout grows with it from a minute', () => {
    expect(largeReadyTimeoutMs(0)).toBe(60_000);
    expect(largeReadyTimeoutMs(50_000)).toBe(310_000);
  });
});

describe('buildLargeCatalogScenarios', () => {
  it('when built, then catalog and gateway search run the demo query mix and name the size', () => {
    const [catalog, gateway] = buildLargeCatalogScenarios(
      { catalog: 'http://c', gateway: 'http://g' },
      50_000,
    );
    expect(catalog?.name).toContain('50,000 products');
    expect(catalog?.paths).toEqual(SEARCH_QUERIES.map((query) => `/search?${query}`));
    expect(gateway?.url).toBe('http://g');
    expect([catalog?.unpaired, gateway?.unpaired]).toEqual([true, true]);
    expect(gateway?.paths).toEqual(SEARCH_QUERIES.map((query) => `/api/search?${query}`));
  });
});

describe('formatLargeCatalog', () => {
  it('when the run completed, then ready time and both RSS figures are printed', () => {
    expect(
      formatLargeCatalog({
        products: 50_000,
        readySeconds: 41.234,
        rssAfterSeedMiB: 451.04,
        rssAfterLoadMiB: 470.5,
        peakRssMiB: 480.25,
      }),
    ).toEqual([
      'Large catalog (50,000 products): ready in 41.2 s',
      'Large catalog RSS after seeding: 451.0 MiB',
      'Large catalog RSS after load:    470.5 MiB, peak (VmHWM) 480.3 MiB',
    ]);
  });

  it('when the run failed before it was ready, then only the first line of the error is printed', () => {
    expect(
      formatLargeCatalog({ products: 50_000, error: 'platform printed no ready line\n  tail' }),
    ).toEqual(['Large catalog run failed: platform printed no ready line']);
  });
});
