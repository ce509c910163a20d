import { describe, expect, it } from 'vitest';
import { postBody, type PostSpec } from '../src/load.ts';
import { luaPosts } from '../src/load-wrk.ts';
import { formatChecks } from '../src/report.ts';
import { benchServiceCredentials, oversoldUnits } from '../src/shop-data.ts';

const spec: PostSpec = {
  path: '/api/reservations',
  headers: { authorization: 'Bearer t' },
  template: '{"orderId":"ord_$N","items":[{"sku":"$V","quantity":1}]}',
  values: ['A', 'B'],
  runId: 'r1',
};

describe('reservation bodies', () => {
  it('when bodies are drawn, then every order id is new and the SKUs take turns', () => {
    const bodies = [0, 1, 2].map((n) => JSON.parse(postBody(spec, n)));
    expect(bodies.map((body) => body.orderId)).toEqual(['ord_r1-0', 'ord_r1-1', 'ord_r1-2']);
    expect(bodies.map((body) => body.items[0].sku)).toEqual(['A', 'B', 'A']);
  });

  it('when wrk draws them, then its script posts the template with the headers and a per-phase prefix', () => {
    const script = luaPosts(spec);
    expect(script).toContain('wrk.headers["authorization"] = "Bearer t"');
    expect(script).toContain('wrk.headers["content-type"] = "application/json"');
    expect(script).toContain('local values = {\n  "A",\n  "B"\n}');
    expect(script).toContain('prefix = prefix .. (args[1] or "")');
    expect(script).toContain('wrk.format("POST", "/api/reservations", nil, body)');
  });
});

describe('oversold units', () => {
  it('when held units stay within stock, then none are oversold; beyond it, the excess counts', () => {
    const within = { sku: 'A', onHand: 10, reserved: 10, available: 0 };
    expect(oversoldUnits([within])).toBe(0);
    const beyond = { sku: 'B', onHand: 10, reserved: 13, available: -3 };
    const negative = { sku: 'C', onHand: 5, reserved: 4, available: -2 };
    expect(oversoldUnits([within, beyond, negative])).toBe(5);
  });
});

describe('the checks table', () => {
  it('when checks are printed, then each row shows its value, target and verdict', () => {
    const table = formatChecks([
      { name: 'oversold units', value: '0', target: '0', result: 'PASS' },
      { name: 'held', value: '11 / 11', target: '10 / 10', result: 'FAIL' },
    ]).split('\n');
    expect(table[0]).toMatch(/^check\s+\|\s+value \| target\s+\| result$/);
    expect(table[2]).toMatch(/^oversold units \|\s+0 \| 0\s+\| PASS$/);
    expect(table[3]).toMatch(/^held\s+\| 11 \/ 11 \| 10 \/ 10 \| FAIL$/);
  });
});

describe('the bench client', () => {
  it('when credentials are made, then every service and the bench get a long secret', () => {
    const { value, client } = benchServiceCredentials();
    const entries = value.split(',').map((entry) => entry.split(':'));
    expect(entries.map(([name]) => name)).toContain('accounts');
    expect(entries.at(-1)).toEqual(['bench', client.clientSecret]);
    expect(entries.every(([, secret]) => (secret ?? '').length >= 16)).toBe(true);
  });
});
