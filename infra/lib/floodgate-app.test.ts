import { describe, expect, it } from 'vitest';
import { synthTestApp, testConfig } from '../testing/test-app';
import { PLACEHOLDER } from './config';
import { assertEdgeSecretsForRealAccount, EDGE_SECRET_VARIABLES } from './floodgate-app';

const realSecrets = {
  upstashUrl: 'https://eu1-fine-cat.upstash.io',
  upstashToken: 'real-token',
  tokenKeys: JSON.stringify({ activeKid: 'k1', keys: { k1: 'k'.repeat(43) } }),
};

describe('edge placeholders', () => {
  it('refuses to synthesize placeholder Upstash credentials for a real account', () => {
    const config = testConfig({ allowPlaceholders: 'false' });
    expect(config.edgeUsesPlaceholders).toBe(true);
    expect(() => synthTestApp(config)).toThrow(
      /account 123456789012 is a real account but UPSTASH_REDIS_REST_URL, UPSTASH_REDIS_REST_TOKEN, FLOODGATE_TOKEN_KEYS are not all set.*-c allowPlaceholders=true/,
    );
  });

  it('refuses when only some of the edge secrets are set', () => {
    const config = testConfig({
      allowPlaceholders: 'false',
      upstashUrl: realSecrets.upstashUrl,
      upstashToken: realSecrets.upstashToken,
    });
    expect(() => assertEdgeSecretsForRealAccount(config)).toThrow(EDGE_SECRET_VARIABLES[2]);
  });

  it('allows placeholders for the offline placeholder account and with -c allowPlaceholders=true', () => {
    expect(() =>
      assertEdgeSecretsForRealAccount(
        testConfig({ allowPlaceholders: 'false', account: PLACEHOLDER.account }),
      ),
    ).not.toThrow();
    const { edge } = synthTestApp(testConfig({ allowPlaceholders: 'true' }));
    const warnings = edge.node.metadata.map((entry) => String(entry.data));
    expect(warnings.join('\n')).toContain('floodgate:edge-placeholders');
  });

  it('synthesizes a real account with the real edge secrets, without the placeholder warning', () => {
    const config = testConfig({ allowPlaceholders: 'false', ...realSecrets });
    expect(config.edgeUsesPlaceholders).toBe(false);
    const { edge } = synthTestApp(config);
    const warnings = edge.node.metadata.map((entry) => String(entry.data));
    expect(warnings.join('\n')).not.toContain('floodgate:edge-placeholders');
  });
});
