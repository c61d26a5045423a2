import { describe, expect, it } from 'vitest';
import { formatConfigErrors, parseConfig } from '../src/config.js';

describe('parseConfig', () => {
  it('gives working defaults for an empty environment', () => {
    const result = parseConfig({});
    expect(result).toEqual({
      ok: true,
      config: expect.objectContaining({
        PAPERBOY_DATA_DIR: './.paperboy',
        HF_API_URL: 'https://huggingface.co',
        ARXIV_API_URL: 'https://export.arxiv.org/api',
        ARXIV_RSS_URL: 'https://rss.arxiv.org/rss',
        ARXIV_CATEGORIES: ['cs.AI', 'cs.CL', 'cs.CV', 'cs.LG'],
        ARXIV_MIN_INTERVAL_MS: 3000,
        LOG_LEVEL: 'info',
      }),
    });
    if (result.ok) expect(result.config.DATABASE_URL).toBeUndefined();
  });

  it('counts empty strings as unset', () => {
    const result = parseConfig({ DATABASE_URL: '', HF_API_URL: '  ', LOG_LEVEL: '' });
    expect(result.ok && result.config.DATABASE_URL).toBeUndefined();
    expect(result.ok && result.config.HF_API_URL).toBe('https://huggingface.co');
  });

  it('reads values and strips trailing slashes from base URLs', () => {
    const result = parseConfig({
      DATABASE_URL: 'postgres://root@127.0.0.1:5432/test',
      HF_API_URL: 'http://127.0.0.1:8080/',
      ARXIV_API_URL: 'http://127.0.0.1:8081/api',
      ARXIV_MIN_INTERVAL_MS: '0',
      ARXIV_CATEGORIES: 'cs.LG, hep-th ,math.GT',
      ARXIV_INCLUDE_CROSS: 'yes',
    });
    expect(result).toMatchObject({
      ok: true,
      config: {
        DATABASE_URL: 'postgres://root@127.0.0.1:5432/test',
        HF_API_URL: 'http://127.0.0.1:8080',
        ARXIV_MIN_INTERVAL_MS: 0,
        ARXIV_CATEGORIES: ['cs.LG', 'hep-th', 'math.GT'],
        ARXIV_INCLUDE_CROSS: true,
      },
    });
  });

  it('lists every bad variable at once, each naming itself and the fix', () => {
    const result = parseConfig({
      DATABASE_URL: 'mysql://localhost/db',
      HTTP_TIMEOUT_MS: 'soon',
      LOG_LEVEL: 'loud',
      ARXIV_CATEGORIES: 'cs.LG,not a category',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((error) => error.variable).sort()).toEqual([
      'ARXIV_CATEGORIES',
      'DATABASE_URL',
      'HTTP_TIMEOUT_MS',
      'LOG_LEVEL',
    ]);
    const text = formatConfigErrors(result.errors);
    expect(text).toContain('4 environment variable(s) need fixing');
    expect(text).toContain('DATABASE_URL must be a postgres:// URL');
    expect(text).toContain('Unset it to use the embedded database');
    expect(text).toContain('LOG_LEVEL must be one of debug, info, warn, error, silent');
  });

  it("refuses to ask arxiv.org more often than arXiv's terms allow", () => {
    const result = parseConfig({ ARXIV_MIN_INTERVAL_MS: '1000' });
    expect(result).toEqual({
      ok: false,
      errors: [expect.objectContaining({ variable: 'ARXIV_MIN_INTERVAL_MS' })],
    });
    expect(parseConfig({ ARXIV_MIN_INTERVAL_MS: '1000', ARXIV_API_URL: 'http://127.0.0.1:9/api' }).ok).toBe(
      true,
    );
  });
});
